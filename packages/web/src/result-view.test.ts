// The result view shows an uncertain result (issue 15 docs/evaluation-rules.md §2): the badge keeps the fail-safe decision,
// and a note block names the decision under the other reading and each reading with its source.
// The unit tests run in Node: a minimal DOM (elements, text, attributes) stands in for the browser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate, presentOutcome } from "@iamspec/core";
import type { EvaluationOutcome } from "@iamspec/core";
import { rowFor } from "./batch.js";
import { renderResult } from "./result-view.js";

class FakeNode {
  parentNode: FakeElement | null = null;
  get textContent(): string {
    return "";
  }
}
class FakeText extends FakeNode {
  data: string;
  constructor(data: string) {
    super();
    this.data = data;
  }
  override get textContent(): string {
    return this.data;
  }
}
class FakeElement extends FakeNode {
  children: FakeNode[] = [];
  attributes = new Map<string, string>();
  dataset: Record<string, string> = {};
  className = "";
  tagName: string;
  constructor(tagName: string) {
    super();
    this.tagName = tagName;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
    if (name.startsWith("data-")) delete this.dataset[name.slice(5)];
  }
  addEventListener(): void {}
  appendChild(child: FakeNode): FakeNode {
    child.parentNode = this;
    this.children.push(child);
    return child;
  }
  replaceChildren(...nodes: FakeNode[]): void {
    this.children = [];
    for (const n of nodes) this.appendChild(n);
  }
  override get textContent(): string {
    return this.children.map((c) => c.textContent).join("");
  }
  /** Elements below this one (depth first) that satisfy `test`. */
  findAll(test: (e: FakeElement) => boolean): FakeElement[] {
    const found: FakeElement[] = [];
    for (const c of this.children) {
      if (!(c instanceof FakeElement)) continue;
      if (test(c)) found.push(c);
      found.push(...c.findAll(test));
    }
    return found;
  }
}

const globals = globalThis as Record<string, unknown>;
let saved: { document: unknown; Node: unknown };
beforeAll(() => {
  saved = { document: globals.document, Node: globals.Node };
  globals.Node = FakeNode;
  globals.document = {
    createElement: (tag: string) => new FakeElement(tag),
    createTextNode: (text: string) => new FakeText(text),
  };
});
afterAll(() => {
  globals.document = saved.document;
  globals.Node = saved.Node;
});

const SESSION = "arn:aws:sts::111122223333:assumed-role/Dev/s1";
const uncertain = evaluate({
  principal: SESSION,
  action: "s3:GetObject",
  resource: "arn:aws:s3:::bucket/key",
  policies: {
    identity: [],
    boundary: [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }] },
    ],
    resource: [
      {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
      },
    ],
  },
});
const certain = evaluate({
  principal: SESSION,
  action: "s3:GetObject",
  resource: "arn:aws:s3:::bucket/key",
  policies: {
    identity: [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
    ],
  },
});

function render(outcome: EvaluationOutcome): FakeElement {
  const container = new FakeElement("section");
  renderResult(container as unknown as HTMLElement, outcome, { showStatement: () => {} });
  return container;
}

describe("the result view and uncertain results", () => {
  it("shows the fail-safe decision, the other decision and each reading with a link to its source", () => {
    expect("error" in uncertain ? undefined : uncertain.uncertain).toBe(true);
    const view = render(uncertain);
    expect(view.dataset.decision).toBe("ImplicitlyDenied");
    const [block] = view.findAll((e) => e.className === "uncertain");
    expect(block).toBeDefined();
    expect(block!.getAttribute("data-other-decision")).toBe("Allowed");
    expect(block!.textContent).toContain(
      "ImplicitlyDenied uncertain: Allowed under the other reading",
    );
    const items = block!.findAll((e) => e.tagName === "li");
    expect(items.map((li) => li.getAttribute("data-code"))).toEqual([
      "WILDCARD_GRANT_UNDER_LIMITS",
    ]);
    expect(items[0]!.textContent).toContain("the other reading: the grant is not limited by them");
    const links = block!.findAll((e) => e.tagName === "a");
    expect(links.map((a) => a.getAttribute("href"))).toEqual([
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
    ]);
  });

  it("a certain result has no uncertainty block", () => {
    const view = render(certain);
    expect(view.dataset.decision).toBe("Allowed");
    expect(view.findAll((e) => e.className === "uncertain")).toEqual([]);
    expect(view.textContent).not.toContain("Uncertain");
  });
});

describe("the result view and core's presentation lines", () => {
  const denied = evaluate(
    {
      action: "s3:GetObject",
      resource: "arn:aws:s3:::bucket/key",
      policies: {
        identity: [
          {
            name: "Reports",
            document: {
              Version: "2012-10-17",
              Statement: [
                { Sid: "Other", Effect: "Allow", Action: "ec2:*", Resource: "*" },
                {
                  Sid: "Tagged",
                  Effect: "Allow",
                  Action: "s3:GetObject",
                  Resource: "*",
                  Condition: { StringEquals: { "aws:ResourceTag/team": "red" } },
                },
              ],
            },
          },
        ],
      },
    },
    { explain: true },
  );

  it("shows every line in core's words, the words `iamspec eval` prints", () => {
    const view = render(denied);
    // The decision line is the badge, in words ("Implicitly denied").
    expect(view.findAll((e) => e.tagName === "p")[0]!.textContent).toBe("Implicitly denied");
    for (const line of presentOutcome(denied).slice(1)) {
      expect(view.textContent).toContain(line.spans.map((s) => s.text).join(""));
    }
    expect(view.findAll((e) => e.className === "decided-by")).toEqual([]);
    expect(view.findAll((e) => e.className === "no-statement")).toHaveLength(1);
    const [suggestions] = view.findAll((e) => e.className === "suggestions");
    expect(suggestions!.textContent).toContain("To be allowed, the request would need:");
    expect(suggestions!.textContent).toContain('aws:ResourceTag/team were "red"');
  });

  it("classes each span by its role, and folds the explanation by policy", () => {
    const view = render(denied);
    const [tree] = view.findAll((e) => e.className === "explanation");
    expect(tree!.findAll((e) => e.className === "tree-kind")[0]!.textContent).toBe("identity");
    expect(tree!.findAll((e) => e.className === "role-key").map((e) => e.textContent)).toEqual([
      "aws:ResourceTag/team",
    ]);
    expect(tree!.findAll((e) => e.className === "role-sid").map((e) => e.textContent)).toEqual([
      "Tagged",
    ]);
    expect(tree!.findAll((e) => e.className === "mark no")).toHaveLength(2);
    expect(tree!.findAll((e) => e.className === "tree-skipped")[0]!.textContent).toBe(
      "1 other statement do not match the action",
    );
  });
});

describe("batch rows and uncertain results", () => {
  const item = {
    index: 0,
    path: "$[0]",
    request: { action: "s3:GetObject" },
    expected: "ImplicitlyDenied" as const,
  };
  it("an uncertain result fails its expectation unless the other decision meets it too", () => {
    const row = rowFor(item, uncertain);
    expect(row).toMatchObject({
      decision: "ImplicitlyDenied",
      otherDecision: "Allowed",
      passed: false,
    });
    expect(rowFor({ ...item, expected: "Allowed" }, certain)).toMatchObject({ passed: true });
    expect(rowFor({ ...item, expected: "Allowed" }, certain).otherDecision).toBeUndefined();
  });
});
