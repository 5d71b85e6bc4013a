// evaluate() reads a plain request object through a copy (Object.assign): objects made by spreading
// each get a hidden class of their own in V8, which makes every field read slow. The copy must not
// change what is read: a "__proto__" key JSON.parse made stays a key, getters and class instances
// are read as before.
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/index.js";

const POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
};
const policies = { identity: [POLICY] };

describe("evaluate() reads the request it is given", () => {
  it("a spread request decides as the request itself", () => {
    const request = { action: "s3:GetObject", resource: "arn:aws:s3:::b/k", id: 7 };
    expect(evaluate({ ...request, policies })).toEqual(
      evaluate(Object.assign(Object.create(null) as object, request, { policies })),
    );
  });

  it("an own __proto__ key (as JSON.parse makes it) is not taken as the prototype", () => {
    const request = JSON.parse(
      `{"__proto__": {"action": "s3:GetObject", "resource": "*"}, "policies": ${JSON.stringify(policies)}}`,
    ) as Parameters<typeof evaluate>[0];
    expect(evaluate(request)).toMatchObject({ error: { path: "$.action" } });
  });

  it("a class instance with getters is read through its getters", () => {
    class Request {
      get action() {
        return "s3:GetObject";
      }
      get resource() {
        return "*";
      }
      readonly policies = policies;
    }
    expect(evaluate(new Request())).toMatchObject({ decision: "Allowed" });
  });
});
