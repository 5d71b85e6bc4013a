// The input types a TypeScript caller meets first: deeply readonly documents, typed actions and
// context keys, and a decision that reads in one line. The type checker (npm run typecheck)
// verifies that each expected compile error below is one; vitest checks the run-time side.
import { describe, expect, it } from "vitest";
import {
  compile,
  evaluate,
  type EvaluationOutcome,
  type GlobalConditionKey,
  type PolicyDocument,
} from "../src/index.js";

const document = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "TaggedInstances",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:StartInstances"],
      Resource: "arn:aws:ec2:*:*:instance/*",
      Condition: { StringEquals: { "aws:RequestTag/team": ["blue", "green"] } },
    },
  ],
} as const;

type Action = "ec2:RunInstances" | "ec2:StartInstances" | "s3:GetObject";
type Key = GlobalConditionKey | "ec2:InstanceType";
const instance = "arn:aws:ec2:us-east-1:111122223333:instance/i-1";

describe("deeply readonly documents", () => {
  it("an `as const` document is a PolicyDocument and evaluates as its JSON text does", () => {
    const typed: PolicyDocument = document;
    const request = {
      action: "ec2:RunInstances",
      resource: instance,
      context: { "aws:RequestTag/team": "blue" },
    };
    const fromObject = evaluate({ ...request, policies: { identity: [typed] } });
    const fromText = evaluate({ ...request, policies: { identity: [JSON.stringify(document)] } });
    expect(fromObject.decision).toBe("Allowed");
    expect(fromText.decision).toBe("Allowed");
  });

  it("a named policy takes a readonly document", () => {
    const engine = compile({ identity: [{ name: "Tagged", document }] });
    const result = engine.evaluate({
      action: "ec2:StartInstances",
      resource: instance,
      context: { "aws:RequestTag/team": "green" },
    });
    expect(result.decidedBy?.[0]?.policyName).toBe("Tagged");
  });
});

describe("a decision in one line", () => {
  it("is the decision of an evaluated request", () => {
    expect(compile({ identity: [document] }).evaluate({ action: "s3:GetObject" }).decision).toBe(
      "ImplicitlyDenied",
    );
  });

  it("is undefined for a request that cannot be evaluated, and `error` narrows", () => {
    const outcome: EvaluationOutcome = evaluate({
      action: "not an action",
      policies: { identity: ["{"] },
    });
    expect(outcome.decision).toBeUndefined();
    expect(outcome.decidedBy).toBeUndefined();
    if (!("error" in outcome)) throw new Error("expected an error outcome");
    expect(outcome.error.code).toBe("JSON_SYNTAX_ERROR");
  });
});

describe("typed requests", () => {
  const engine = compile<Action, Key>({ identity: [document] });

  it("decide as untyped ones do", () => {
    const typed = engine.evaluate({
      action: "ec2:RunInstances",
      resource: instance,
      context: { "aws:RequestTag/team": "blue", "ec2:InstanceType": "t3.micro" },
    });
    const untyped = compile({ identity: [document] }).evaluate({
      action: "ec2:RunInstances",
      resource: instance,
      context: { "aws:RequestTag/team": "blue", "ec2:InstanceType": "t3.micro" },
    });
    expect(typed).toEqual(untyped);
    expect(typed.decision).toBe("Allowed");
  });

  it("reject a misspelled action or context key at compile time", () => {
    // @ts-expect-error "ec2:RunInstance" is not one of the engine's actions
    const misspelled = engine.evaluate({ action: "ec2:RunInstance", resource: instance });
    expect(misspelled.decision).toBe("ImplicitlyDenied");
    // @ts-expect-error "aws:RequestTags/team" is not a known context key
    engine.evaluate({ action: "ec2:RunInstances", context: { "aws:RequestTags/team": "blue" } });
    // @ts-expect-error evaluate() takes the same type arguments
    evaluate<Action>({ action: "ec2:Run", policies: {} });
  });

  it("treat a context key set to undefined as absent", () => {
    const team: string | undefined = undefined;
    const result = engine.evaluate({
      action: "ec2:RunInstances",
      resource: instance,
      context: { "aws:RequestTag/team": team },
    });
    expect(result.decision).toBe("ImplicitlyDenied");
    expect(result).toEqual(
      engine.evaluate({ action: "ec2:RunInstances", resource: instance, context: {} }),
    );
  });
});
