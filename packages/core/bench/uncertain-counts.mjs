// Counts uncertain results (issue 15 docs/evaluation-rules.md §2) over the AWS managed policies: for every statement of every
// policy, the request the statement is about (its first action, its first resource with wildcards
// made concrete), by a role session, with the policy as the only identity policy; once more with the
// policy as a permissions boundary under an allow-all identity policy. Run after `npm run build`:
//   node bench/uncertain-counts.mjs
import { readdirSync, readFileSync } from "node:fs";
import { compile, parsePolicy } from "../dist/index.js";

const DIR = new URL("../../../policies/aws-managed/", import.meta.url);
const SESSION = "arn:aws:sts::111122223333:assumed-role/R/s";
const ALLOW_ALL = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

const concrete = (pattern) => pattern.replace(/\*/g, "x").replace(/\?/g, "y");
function requestFor(statement) {
  const action = statement.action
    ? concrete(statement.action.patterns[0] ?? "s3:GetObject")
    : "zzz:NotListed";
  const pattern = statement.resource?.patterns[0];
  const resource = pattern === undefined || pattern.includes("${") ? "*" : concrete(pattern);
  return { principal: SESSION, action, resource };
}

const counts = {
  policies: 0,
  requests: 0,
  // Requests that reached a reading point (a statement that cannot be evaluated), uncertain or not.
  notEvaluable: 0,
  // Requests an AWS-side rule refused (aws-side-rules.ts), for reference.
  awsSideRule: 0,
  uncertain: 0,
  byCode: {},
  byDecisions: {},
  examples: [],
};
for (const file of readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()) {
  const { name, document } = JSON.parse(readFileSync(new URL(file, DIR), "utf8"));
  const parsed = parsePolicy(JSON.stringify(document), { name });
  if (!parsed.ok) continue;
  counts.policies++;
  const engines = [
    compile({ identity: [document] }),
    compile({ identity: [ALLOW_ALL], boundary: [document] }),
  ];
  for (const statement of parsed.policy.statements) {
    for (const engine of engines) {
      const outcome = engine.evaluate(requestFor(statement));
      if ("error" in outcome) continue;
      counts.requests++;
      if ((outcome.notes ?? []).some((n) => n.code === "STATEMENT_NOT_EVALUABLE"))
        counts.notEvaluable++;
      if ((outcome.notes ?? []).some((n) => n.code === "AWS_SIDE_RULE")) counts.awsSideRule++;
      if (!outcome.uncertain) continue;
      counts.uncertain++;
      const pair = `${outcome.decision} / ${outcome.otherDecision}`;
      counts.byDecisions[pair] = (counts.byDecisions[pair] ?? 0) + 1;
      for (const code of new Set(outcome.readings.map((r) => r.code)))
        counts.byCode[code] = (counts.byCode[code] ?? 0) + 1;
      if (counts.examples.length < 5)
        counts.examples.push(`${name} Statement[${statement.index}]: ${pair}`);
    }
  }
}
console.log(JSON.stringify(counts, null, 2));
