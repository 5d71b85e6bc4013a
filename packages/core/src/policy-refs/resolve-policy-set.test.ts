import { describe, expect, it } from "vitest";
import type { NamedPolicy } from "../types.js";
import { isPolicyReference } from "./is-policy-reference.js";
import { isPolicySetError, resolvePolicySet } from "./resolve-policy-set.js";

const known = (name: string): NamedPolicy => ({ name, document: '{"Statement":[]}' });
const load = async (reference: string): Promise<NamedPolicy | undefined> =>
  reference === "Known" || reference === "Known@v1" ? known(reference) : undefined;

async function problemOf(promise: Promise<unknown>): Promise<{ message: string; path: string }> {
  try {
    await promise;
  } catch (error) {
    if (isPolicySetError(error)) return { message: error.message, path: error.path };
    throw error;
  }
  throw new Error("expected a policy set error");
}

describe("a policy reference", () => {
  it("is any string entry that is not JSON text", () => {
    expect(isPolicyReference("EC2ImageBuilderExecutionPolicy")).toBe(true);
    expect(isPolicyReference("arn:aws:iam::aws:policy/ReadOnlyAccess")).toBe(true);
    expect(isPolicyReference("ReadOnlyAccess@v2")).toBe(true);
    expect(isPolicyReference('  {"Statement": []}')).toBe(false);
    expect(isPolicyReference({ Statement: [] })).toBe(false);
  });
});

describe("resolving a policy set", () => {
  it("replaces references by the loaded policies in every layer, SCP levels included", async () => {
    const inline = { Statement: [] };
    const resolved = await resolvePolicySet(
      {
        identity: ["Known", inline, '{"Statement":[]}'],
        resource: [],
        scp: [["Known"], ["Known@v1"]],
        rcp: ["Known"],
      },
      load,
    );
    expect(resolved).toEqual({
      identity: [known("Known"), inline, '{"Statement":[]}'],
      resource: [],
      scp: [[known("Known")], [known("Known@v1")]],
      rcp: [known("Known")],
    });
  });

  it("passes the loader the reference without surrounding spaces", async () => {
    const seen: string[] = [];
    await resolvePolicySet({ identity: [" Known "] }, (reference) => {
      seen.push(reference);
      return known(reference);
    });
    expect(seen).toEqual(["Known"]);
  });

  it("names inline documents after their path when asked, so a decision can say which one decided", async () => {
    const inline = { Statement: [] };
    const resolved = await resolvePolicySet({ boundary: [inline] }, load, {
      nameInlineDocuments: true,
    });
    expect(resolved).toEqual({ boundary: [{ name: "policies.boundary[0]", document: inline }] });
  });

  it.each([
    [[], "$.policies", 'policies must be an object such as { "identity": [...] }'],
    [
      { identities: [] },
      "$.policies.identities",
      'unknown policy type "identities" (expected identity, resource, boundary, session, scp, rcp)',
    ],
    [{ identity: "Known" }, "$.policies.identity", "identity must be a list of policies"],
    [{ scp: "Known" }, "$.policies.scp", "scp must be a list of policies or a list of levels"],
    [
      { rcp: ["Known", ["Known"]] },
      "$.policies.rcp",
      "rcp mixes policies and levels (lists); write a flat list (one level) or a list of levels",
    ],
    [
      { scp: [["Known"], ["Known", "Nope"]] },
      "$.policies.scp[1][1]",
      '"Nope" is not a bundled policy name or ARN',
    ],
    [
      { identity: ["Known", 3] },
      "$.policies.identity[1]",
      "a policy must be a document object, or a name, ARN or file path",
    ],
    [
      { boundary: ["Known", "Nope"] },
      "$.policies.boundary[1]",
      '"Nope" is not a bundled policy name or ARN',
    ],
    [
      { scp: [["Known"], ["Nope"]] },
      "$.policies.scp[1][0]",
      '"Nope" is not a bundled policy name or ARN',
    ],
  ])("refuses %j at %s", async (raw, path, message) => {
    expect(await problemOf(resolvePolicySet(raw, load))).toEqual({ message, path });
  });

  it("keeps the loader's own message and puts it at the entry's path under the given root", async () => {
    const failing = () => {
      throw new Error("no such file");
    };
    expect(
      await problemOf(
        resolvePolicySet({ session: ["x.json"] }, failing, { path: "$.cases[2].policies" }),
      ),
    ).toEqual({
      message: "no such file",
      path: "$.cases[2].policies.session[0]",
    });
  });
});
