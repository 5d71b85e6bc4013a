import type { NamedPolicy } from "@iamspec/core";
import { describe, expect, it } from "vitest";
import { isPolicyReference, resolvePolicySet } from "./resolve-policies.js";

const load = async (reference: string): Promise<NamedPolicy | undefined> =>
  reference === "Known" || reference === "Known@v1"
    ? { name: reference, document: '{"Statement":[]}' }
    : undefined;

describe("policy references in a batch file", () => {
  it("tell a bundled policy name from JSON text", () => {
    expect(isPolicyReference("EC2ImageBuilderExecutionPolicy")).toBe(true);
    expect(isPolicyReference("arn:aws:iam::aws:policy/ReadOnlyAccess")).toBe(true);
    expect(isPolicyReference('  {"Statement": []}')).toBe(false);
    expect(isPolicyReference({ Statement: [] })).toBe(false);
  });

  it("are replaced by the loaded policies in every slot, SCP levels included", async () => {
    const inline = { Statement: [] };
    const resolved = await resolvePolicySet(
      { identity: ["Known", inline], resource: [], scp: [["Known"], ["Known@v1"]] },
      load,
    );
    expect(resolved).toEqual({
      identity: [{ name: "Known", document: '{"Statement":[]}' }, inline],
      resource: [],
      scp: [
        [{ name: "Known", document: '{"Statement":[]}' }],
        [{ name: "Known@v1", document: '{"Statement":[]}' }],
      ],
    });
  });

  it("name the first unknown policy and where it was", async () => {
    await expect(resolvePolicySet({ boundary: ["Known", "Nope"] }, load)).rejects.toThrow(
      'policies.boundary[1]: "Nope" is not a bundled policy name or ARN',
    );
  });
});
