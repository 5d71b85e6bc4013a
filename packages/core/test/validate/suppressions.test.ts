// applySuppressions: the `suppressions` of iamspec.config.json by code, file glob and JSON path prefix.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/types.js";
import { applySuppressions, type IamspecConfig } from "../../src/validate/index.js";

const d = (code: string, path: string, source?: string): Diagnostic => ({
  code,
  severity: "SUGGESTION",
  message: code,
  path,
  ...(source ? { source } : {}),
});

const diagnostics = [
  d("RESOURCE_STAR", "$.Statement[0].Resource"),
  d("RESOURCE_STAR", "$.Statement[10].Resource"),
  d("REDUNDANT_ACTION", "$.Statement[1].Action[2]"),
];

describe("applySuppressions", () => {
  it("keeps everything without suppressions", () => {
    expect(applySuppressions(diagnostics, undefined)).toEqual(diagnostics);
    expect(applySuppressions(diagnostics, [])).toEqual(diagnostics);
  });

  it("removes a code everywhere", () => {
    const config: IamspecConfig = {
      suppressions: [{ code: "RESOURCE_STAR", reason: "read-only roles" }],
    };
    expect(applySuppressions(diagnostics, config.suppressions).map((x) => x.code)).toEqual([
      "REDUNDANT_ACTION",
    ]);
  });

  it("limits by JSON path prefix on whole steps: [1] does not match [10]", () => {
    const left = applySuppressions(diagnostics, [
      { code: "RESOURCE_STAR", path: "$.Statement[1]" },
    ]);
    expect(left).toEqual(diagnostics);
    const left0 = applySuppressions(diagnostics, [
      { code: "RESOURCE_STAR", path: "$.Statement[0]" },
    ]);
    expect(left0.map((x) => x.path)).toEqual([
      "$.Statement[10].Resource",
      "$.Statement[1].Action[2]",
    ]);
  });

  it("limits by file glob (`*` in a segment, `**` across, bare name in any folder)", () => {
    const s = [{ code: "RESOURCE_STAR", file: "policies/**/*.json" }];
    expect(applySuppressions(diagnostics, s, { file: "policies/team/a.json" })).toHaveLength(1);
    expect(applySuppressions(diagnostics, s, { file: "policies/a.json" })).toHaveLength(1);
    expect(applySuppressions(diagnostics, s, { file: "other/a.json" })).toHaveLength(3);
    expect(
      applySuppressions(diagnostics, [{ code: "RESOURCE_STAR", file: "a.json" }], {
        file: "x/y/a.json",
      }),
    ).toHaveLength(1);
    expect(
      applySuppressions(diagnostics, [{ code: "RESOURCE_STAR", file: "policies/*.json" }], {
        file: "policies/team/a.json",
      }),
    ).toHaveLength(3);
  });

  it("uses the diagnostic's own source when no file is given, and never matches a file rule without one", () => {
    const withSource = [d("RESOURCE_STAR", "$", "policies/a.json")];
    expect(
      applySuppressions(withSource, [{ code: "RESOURCE_STAR", file: "policies/a.json" }]),
    ).toEqual([]);
    expect(
      applySuppressions(diagnostics, [{ code: "RESOURCE_STAR", file: "policies/a.json" }]),
    ).toEqual(diagnostics);
  });

  it("treats glob metacharacters other than * and ? literally", () => {
    const s = [{ code: "*", file: "policies/(a).json" }];
    expect(applySuppressions(diagnostics, s, { file: "policies/(a).json" })).toEqual([]);
    expect(applySuppressions(diagnostics, s, { file: "policies/a.json" })).toHaveLength(3);
  });

  it("does not change its input", () => {
    const copy = structuredClone(diagnostics);
    applySuppressions(diagnostics, [{ code: "*" }]);
    expect(diagnostics).toEqual(copy);
  });
});
