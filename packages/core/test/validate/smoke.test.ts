/// <reference types="node" />
import { readFileSync } from "node:fs";
import { it } from "vitest";
import { validatePolicy } from "../../src/validate/index.js";

it("smoke", () => {
  const md = readFileSync("/work/main/policies/EC2ImageBuilderExecutionPolicy.md", "utf8");
  const json = /```json\n([\s\S]*?)```/.exec(md)?.[1] ?? /```\n([\s\S]*?)```/.exec(md)![1]!;
  console.log(validatePolicy(json));
  console.log(
    validatePolicy(
      '{"Version":"2012-10-17","Statement":{"Effect":"allow","Action":"s3:Get*","Resource":"bucket","Condition":{"StringEqual":{"aws:SourceIpp":"1.2.3.4"}}}}',
    ),
  );
});
