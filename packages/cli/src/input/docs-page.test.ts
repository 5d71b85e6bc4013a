import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractDocsPagePolicy } from "./docs-page.js";

const seed = readFileSync(
  new URL("../../../../policies/EC2ImageBuilderExecutionPolicy.md", import.meta.url),
  "utf8",
);

describe("extractDocsPagePolicy", () => {
  it("finds the JSON block and the metadata of an AWS managed policy page", () => {
    const page = extractDocsPagePolicy(seed)!;
    expect(page).toMatchObject({
      name: "EC2ImageBuilderExecutionPolicy",
      arn: "arn:aws:iam::aws:policy/EC2ImageBuilderExecutionPolicy",
      version: "v1",
    });
    expect(JSON.parse(page.json).Statement[0].Sid).toBe("RunInstancesPermissions");
    // The fence is line 32 of the page: JSON line 1 is page line 33.
    expect(page.lineOffset).toBe(32);
    expect(seed.split("\n")[page.lineOffset]).toBe("{");
  });

  it("skips fenced blocks that are not JSON", () => {
    const page = extractDocsPagePolicy(
      '```sh\nnpm i\n```\n\n```json\n{"Version": "2012-10-17"}\n```\n',
    );
    expect(page).toMatchObject({ json: '{"Version": "2012-10-17"}', lineOffset: 5 });
  });

  it("returns undefined without a JSON block", () => {
    expect(extractDocsPagePolicy("# Title\n\nno code here\n")).toBeUndefined();
  });
});
