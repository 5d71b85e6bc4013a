// presentOutcome: the presentation lines the CLI and the web page render, and linesToText.
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/evaluation/index.js";
import {
  DECISION_WORDS,
  formatExplanation,
  linesToText,
  presentOutcome,
  type PresentationLine,
} from "../src/explain/index.js";
import { EC2_IMAGE_BUILDER_TEXT, allow, deny, policy } from "./helpers.js";

const kinds = (lines: PresentationLine[]) => lines.map((l) => `${l.depth}:${l.kind}`);

const denied = evaluate(
  {
    action: "ec2:RunInstances",
    resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc",
    context: { "aws:RequestTag/CreatedBy": "someone" },
    policies: {
      identity: [{ name: "EC2ImageBuilderExecutionPolicy", document: EC2_IMAGE_BUILDER_TEXT }],
    },
  },
  { explain: true },
);

describe("presentOutcome", () => {
  it("lays out an explained denial: decision, summary, policy, statements, conditions, suggestions", () => {
    const lines = presentOutcome(denied);
    expect(kinds(lines)).toEqual([
      "0:decision",
      "1:no-statement",
      "0:summary",
      "0:policy",
      "1:statement",
      "1:statement",
      "3:condition",
      "1:skipped",
      "0:suggestions",
      "1:suggestion",
      "2:missing",
      "1:suggestion",
      "2:missing",
    ]);
    expect(lines.filter((l) => l.opensBlock).map((l) => l.kind)).toEqual([
      "summary",
      "policy",
      "suggestions",
    ]);
    expect(lines[0]).toMatchObject({ decision: "ImplicitlyDenied" });
    expect(lines[0]!.otherDecision).toBeUndefined();
    const statements = lines.filter((l) => l.kind === "statement");
    expect(statements.map((l) => [l.statement?.sid, l.applies, l.deciding])).toEqual([
      ["RunInstancesPermissions", false, false],
      ["RunInstancesWithEC2ImageBuilderRequestTagsPermissions", false, false],
    ]);
    expect(lines.find((l) => l.kind === "policy")?.policy).toEqual({
      policyType: "identity",
      policyIndex: 0,
      policyName: "EC2ImageBuilderExecutionPolicy",
    });
    const condition = lines.find((l) => l.kind === "condition")!;
    expect(condition.spans.map((s) => [s.role, s.text])).toEqual([
      ["fail", "✗"],
      ["text", " "],
      ["operator", "StringEquals"],
      ["text", " "],
      ["key", "aws:RequestTag/CreatedBy"],
      ["text", " "],
      ["value", '["EC2 Image Builder","EC2 Fast Launch"]'],
      ["text", " — request: "],
      ["value", '["someone"]'],
    ]);
    // Every span says something: renderers may wrap each in an element or a colour.
    expect(lines.flatMap((l) => l.spans).every((s) => s.text !== "")).toBe(true);
  });

  it("marks the deciding statement, with what a renderer needs to find it", () => {
    const lines = presentOutcome(
      evaluate(
        {
          action: "s3:GetObject",
          policies: {
            scp: [[policy(allow())], [policy(allow(), deny({ Sid: "NoS3", Action: "s3:*" }))]],
          },
        },
        { explain: true },
      ),
    );
    const decidedBy = lines.find((l) => l.kind === "decided-by")!;
    expect(decidedBy.statement).toEqual({
      policyType: "scp",
      policyIndex: 0,
      level: 1,
      statementIndex: 1,
      sid: "NoS3",
      effect: "Deny",
    });
    expect(decidedBy.spans.find((s) => s.role === "sid")).toEqual({
      role: "sid",
      text: "NoS3",
      strong: true,
    });
    const deciding = lines.filter((l) => l.kind === "statement" && l.deciding === true);
    expect(deciding.map((l) => [l.statement?.level, l.statement?.statementIndex])).toEqual([
      [1, 1],
    ]);
    expect(linesToText(lines.slice(0, 2))).toBe(
      ["ExplicitlyDenied", "  decided by scp policy #0 (level 1): Statement[1] NoS3 (Deny)"].join(
        "\n",
      ),
    );
  });

  it("says an uncertain result's other decision, and links each reading's source", () => {
    const outcome = evaluate({
      principal: "arn:aws:sts::111122223333:assumed-role/Dev/s1",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::bucket/key",
      policies: {
        identity: [],
        boundary: [policy(allow({ Action: "ec2:*" }))],
        resource: [policy(allow({ Principal: "*", Action: "s3:GetObject" }))],
      },
    });
    const lines = presentOutcome(outcome);
    expect(lines[0]).toMatchObject({ decision: "ImplicitlyDenied", otherDecision: "Allowed" });
    expect(linesToText(lines.slice(0, 1))).toBe(
      "ImplicitlyDenied uncertain: Allowed under the other reading",
    );
    const reading = lines.find((l) => l.kind === "reading")!;
    expect(reading.code).toBe("WILDCARD_GRANT_UNDER_LIMITS");
    expect(reading.spans.filter((s) => s.role === "link")).toEqual([
      {
        role: "link",
        text: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
        href: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
      },
    ]);
    expect(linesToText([reading])).toMatch(
      /^ {2}reading WILDCARD_GRANT_UNDER_LIMITS at .*; the other reading: the grant is not limited by them \[docs\/uncertain-readings\.md#.*\]$/,
    );
  });

  it("gives an error one line", () => {
    const lines = presentOutcome(
      evaluate({ action: "s3:GetObject", policies: { identity: ['{"Statement": 1}'] } }),
    );
    expect(kinds(lines)).toEqual(["0:error"]);
  });
});

describe("linesToText", () => {
  it("is formatExplanation's layout, and lets a caller wrap each span (as the CLI's colours do)", () => {
    const lines = presentOutcome(denied);
    expect(linesToText(lines)).toBe(formatExplanation(denied));
    const marked = linesToText(lines, (s) => (s.role === "fail" ? `<${s.text}>` : s.text));
    expect(marked.split("\n")[6]).toMatch(
      /^ {2}<✗> Statement\[0\] RunInstancesPermissions line 4: resource /,
    );
    expect(marked.split("\n")).toContain(
      '    - aws:RequestTag/CreatedBy were one of "EC2 Image Builder", "EC2 Fast Launch"',
    );
  });
});

describe("DECISION_WORDS", () => {
  it("names each decision in words", () => {
    expect(Object.values(DECISION_WORDS)).toEqual([
      "Allowed",
      "Explicitly denied",
      "Implicitly denied",
    ]);
  });
});
