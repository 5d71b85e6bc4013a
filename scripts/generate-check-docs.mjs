#!/usr/bin/env node
// Writes docs/checks.md, the check catalogue, from packages/core/src/validate/checks.ts.
//
//   node scripts/generate-check-docs.mjs          rewrite docs/checks.md
//   node scripts/generate-check-docs.mjs --check  exit 1 when docs/checks.md is stale
//
// The catalogue is read from the TypeScript source with the compiler API rather than from the built
// package: the source is the only place that holds the groups (the `// A. …` comments) and the
// reasons given next to some entries, and reading it needs no build. Anything unexpected in the
// source (an entry without a severity or title, an unknown group letter) stops the script, so the
// page can never silently lose a check; docs-checks.test.ts also compares the codes read here with
// the CHECKS object itself.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as prettier from "prettier";
import ts from "typescript";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = "packages/core/src/validate/checks.ts";
const OUTPUT = "docs/checks.md";

const UG = "https://docs.aws.amazon.com/IAM/latest/UserGuide/";
const AA_CHECKS = `${UG}access-analyzer-reference-policy-checks.html`;
const ORGS = "https://docs.aws.amazon.com/organizations/latest/userguide/";

const SEVERITIES = {
  ERROR: "the policy is invalid, or part of it cannot work as written",
  SECURITY_WARNING: "valid, but it grants more than its author most likely meant",
  WARNING: "valid, but suspicious or against AWS's recommendations",
  SUGGESTION: "has no effect, repeats something, or can be written more simply",
};

// Hand-written: one heading and a short note per group, in the order of checks.ts. The letters are
// the ones the source comments use (`// A. …`), so references such as `docs/checks.md group A` map to them.
const GROUPS = {
  A: {
    title: "Document, statement and element structure",
    intro: `Shape of the document: JSON syntax, the elements the grammar defines, their types, \`Version\`, \`Sid\`, and the size quotas of each policy type. The rules behind them are in [evaluation-rules.md §1](evaluation-rules.md#1-policy-document-grammar-and-elements).`,
    sources: [
      ["Grammar of the IAM JSON policy language", `${UG}reference_policies_grammar.html`],
      ["IAM JSON policy element reference", `${UG}reference_policies_elements.html`],
      ["IAM and AWS STS quotas", `${UG}reference_iam-quotas.html`],
      ["Quotas for AWS Organizations", `${ORGS}orgs_reference_limits.html`],
    ],
  },
  B: {
    title: "Actions, resources and ARNs",
    intro: `\`Action\`, \`NotAction\`, \`Resource\` and \`NotResource\`: their format, whether the IAM service reference data knows the service, action and resource type, and entries that repeat or cover each other. Rules: [evaluation-rules.md §2](evaluation-rules.md#2-action-matching) and [§3](evaluation-rules.md#3-resource-matching-and-arns).`,
    sources: [
      ["IAM JSON policy elements: Action", `${UG}reference_policies_elements_action.html`],
      ["IAM JSON policy elements: Resource", `${UG}reference_policies_elements_resource.html`],
      ["Identify AWS resources with Amazon Resource Names (ARNs)", `${UG}reference-arns.html`],
      [
        "Service Authorization Reference",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
      ],
    ],
  },
  C: {
    title: "Principals",
    intro: `\`Principal\` and \`NotPrincipal\`: where a policy type takes one, the accepted forms, wildcards, and role trust policies. Rules: [evaluation-rules.md §1.6](evaluation-rules.md#16-element-exclusivity-and-required-elements) and [§4](evaluation-rules.md#4-principal--notprincipal).`,
    sources: [
      ["AWS JSON policy elements: Principal", `${UG}reference_policies_elements_principal.html`],
      [
        "AWS JSON policy elements: NotPrincipal",
        `${UG}reference_policies_elements_notprincipal.html`,
      ],
    ],
  },
  D: {
    title: "Conditions",
    intro: `Operators, condition keys, and values that do not fit the operator or the key. Rules: [evaluation-rules.md §5](evaluation-rules.md#5-condition-element) and [§8](evaluation-rules.md#8-global-condition-keys-selected).`,
    sources: [
      [
        "IAM JSON policy elements: Condition operators",
        `${UG}reference_policies_elements_condition_operators.html`,
      ],
      ["AWS global condition context keys", `${UG}reference_policies_condition-keys.html`],
      [
        "Single-valued vs. multivalued context keys",
        `${UG}reference_policies_condition-single-vs-multi-valued-context-keys.html`,
      ],
    ],
  },
  E: {
    title: "Policy variables",
    intro: `The \`\${…}\` syntax, where variables may appear, and the policy version they need. Rules: [evaluation-rules.md §6](evaluation-rules.md#6-policy-variables).`,
    sources: [
      ["IAM policy elements: Variables and tags", `${UG}reference_policies_variables.html`],
    ],
  },
  F: {
    title: "Organizations policy types",
    intro: `What service control policies and resource control policies may not contain. Access Analyzer's 2023 list also had SCP errors for \`Allow\` with \`Condition\`, \`Resource\` or \`NotAction\`, and for \`NotResource\`; the current SCP syntax page accepts all of them, so iamspec does not report them. Rules: [evaluation-rules.md §7.1](evaluation-rules.md#71-policy-types-and-who-they-bind).`,
    sources: [
      ["SCP syntax", `${ORGS}orgs_manage_policies_scps_syntax.html`],
      ["RCP syntax", `${ORGS}orgs_manage_policies_rcps_syntax.html`],
    ],
  },
  G: {
    title: "Security warnings on specific actions",
    intro: `Grants that reach sensitive actions (\`iam:PassRole\`, \`iam:CreateServiceLinkedRole\`) on every resource, directly or through \`*\`, \`NotAction\` or \`NotResource\`, and broad \`Allow\` shapes. The last four codes are parliament's opinionated checks; AWS documents none of them, so their severities are the project's choice (the reason is given in the notes).`,
    sources: [
      ["IAM Access Analyzer policy check reference", AA_CHECKS],
      ["duo-labs/parliament", "https://github.com/duo-labs/parliament"],
    ],
  },
};

/** The object literal behind `export const CHECKS = { … } as const satisfies …`. */
function checksObject(sourceFile) {
  let found;
  const visit = (node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === "CHECKS"
    ) {
      let init = node.initializer;
      while (
        init !== undefined &&
        (ts.isSatisfiesExpression(init) ||
          ts.isAsExpression(init) ||
          ts.isParenthesizedExpression(init))
      )
        init = init.expression;
      if (init === undefined || !ts.isObjectLiteralExpression(init))
        throw new Error(`${SOURCE}: CHECKS is not an object literal`);
      found = init;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (found === undefined) throw new Error(`${SOURCE}: no CHECKS declaration`);
  return found;
}

/** `const E = "ERROR" as const;` and the like: identifier -> severity. */
function severityConstants(sourceFile) {
  const names = new Map();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      let init = decl.initializer;
      while (init !== undefined && ts.isAsExpression(init)) init = init.expression;
      if (ts.isIdentifier(decl.name) && init !== undefined && ts.isStringLiteral(init))
        names.set(decl.name.text, init.text);
    }
  }
  return names;
}

function propertyName(name) {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  throw new Error(`${SOURCE}: unexpected property name ${name.getText()}`);
}

/** The `//` comments right before a node, one string per comment, `//` removed. */
function leadingComments(text, node) {
  return (ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [])
    .filter((range) => range.kind === ts.SyntaxKind.SingleLineCommentTrivia)
    .map((range) => text.slice(range.pos + 2, range.end).trim());
}

/**
 * Reads the catalogue from the source text: groups in source order, each with its checks
 * `{ code, severity, title, note? }`.
 */
export function readCatalogue(text = readFileSync(join(ROOT, SOURCE), "utf8")) {
  const sourceFile = ts.createSourceFile(SOURCE, text, ts.ScriptTarget.Latest, true);
  const severities = severityConstants(sourceFile);
  const groups = [];
  let group;
  for (const property of checksObject(sourceFile).properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer))
      throw new Error(`${SOURCE}: unexpected entry ${property.getText()}`);
    const code = propertyName(property.name);
    const noteLines = [];
    for (const comment of leadingComments(text, property)) {
      const heading = /^([A-Z])\.\s/.exec(comment);
      if (heading !== null) {
        const letter = heading[1];
        if (!(letter in GROUPS))
          throw new Error(`${SOURCE}: group ${letter} has no heading in ${OUTPUT}'s script`);
        group = { letter, checks: [] };
        groups.push(group);
        noteLines.length = 0;
      } else {
        noteLines.push(comment);
      }
    }
    if (group === undefined) throw new Error(`${SOURCE}: ${code} comes before any group comment`);
    let severity;
    let title;
    for (const field of property.initializer.properties) {
      if (!ts.isPropertyAssignment(field)) continue;
      const name = propertyName(field.name);
      const value = field.initializer;
      if (name === "severity") {
        severity = ts.isStringLiteral(value)
          ? value.text
          : ts.isIdentifier(value)
            ? severities.get(value.text)
            : undefined;
      } else if (name === "title" && ts.isStringLiteralLike(value)) {
        title = value.text;
      }
    }
    if (severity === undefined || !(severity in SEVERITIES))
      throw new Error(`${SOURCE}: ${code} has no recognisable severity`);
    if (title === undefined) throw new Error(`${SOURCE}: ${code} has no title`);
    const note = noteLines.join(" ").trim();
    group.checks.push(note === "" ? { code, severity, title } : { code, severity, title, note });
  }
  return groups;
}

/** Plain text for a table cell: every character markdown could read as markup is escaped. */
function cell(text) {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

function renderRaw(groups) {
  const all = groups.flatMap((g) => g.checks);
  const out = [];
  out.push(
    `<!-- Generated by scripts/generate-check-docs.mjs from ${SOURCE}. Do not edit: change the source or the script, then run \`node scripts/generate-check-docs.mjs\`. -->`,
    "",
    "# Policy checks",
    "",
    `\`validatePolicy\` in \`@iamspec/core\` (and \`iamspec validate\`, and the web page's editor) reports the ${all.length} checks below. Each finding is a diagnostic with a code, a severity, a message, the JSON path of the element and, for policies given as text, its line and column.`,
    "",
    `The codes follow [IAM Access Analyzer's policy checks](${AA_CHECKS}): a check that Access Analyzer also has uses Access Analyzer's issue code (the check title in UPPER_SNAKE_CASE). Checks Access Analyzer lacks carry the name of the nearest [parliament](https://github.com/duo-labs/parliament) finding or a name of the project's own. Where iamspec's severity differs from Access Analyzer's, the reason is in the notes column.`,
    "",
    "Some checks need more than the policy text: the policy type (`--policy-type`, `policyType`), the IAM service reference data (service prefixes, actions, resource types, condition keys; bundled by `@iamspec/policies`), or the service of the resource a resource-based policy is attached to (`--resource-service`). Without that input the check is not run.",
    "",
    "`packages/core/test/validate/checks.test.ts` has one row per code: a policy that must get it and a close variant that must not.",
    "",
    "## Severities",
    "",
    "| Severity | Meaning | Checks |",
    "| --- | --- | --- |",
  );
  for (const [severity, meaning] of Object.entries(SEVERITIES)) {
    const count = all.filter((c) => c.severity === severity).length;
    out.push(`| \`${severity}\` | ${meaning} | ${count} |`);
  }
  out.push("", "## Groups", "");
  for (const g of groups)
    out.push(
      `- [${g.letter}. ${GROUPS[g.letter].title}](#${anchor(g.letter)}) (${g.checks.length})`,
    );
  for (const g of groups) {
    const info = GROUPS[g.letter];
    out.push("", `## ${g.letter}. ${info.title}`, "", info.intro, "");
    out.push(`AWS: ${info.sources.map(([name, url]) => `[${name}](${url})`).join(", ")}.`, "");
    const withNotes = g.checks.some((c) => c.note !== undefined);
    out.push(
      withNotes
        ? "| Code | Severity | What it flags | Notes |"
        : "| Code | Severity | What it flags |",
      withNotes ? "| --- | --- | --- | --- |" : "| --- | --- | --- |",
    );
    for (const c of g.checks) {
      const row = [`\`${c.code}\``, `\`${c.severity}\``, cell(c.title)];
      if (withNotes) row.push(c.note === undefined ? "" : cell(c.note));
      out.push(`| ${row.join(" | ")} |`);
    }
  }
  out.push("");
  return out.join("\n");
}

/** GitHub's heading anchor for `## X. Title`. */
export function anchor(letter) {
  return `${letter}. ${GROUPS[letter].title}`
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replaceAll(" ", "-");
}

/** The page as it must be on disk: rendered, then formatted with the repository's prettier config. */
export async function renderCheckDocs(groups = readCatalogue()) {
  const file = join(ROOT, OUTPUT);
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(renderRaw(groups), { ...config, filepath: file });
}

async function main(argv) {
  const check = argv.includes("--check");
  const expected = await renderCheckDocs();
  const file = join(ROOT, OUTPUT);
  if (check) {
    let actual;
    try {
      actual = readFileSync(file, "utf8");
    } catch {
      actual = undefined;
    }
    if (actual !== expected) {
      process.stderr.write(
        `${OUTPUT} is stale: run \`node scripts/generate-check-docs.mjs\` and commit the result.\n`,
      );
      return 1;
    }
    return 0;
  }
  writeFileSync(file, expected);
  process.stdout.write(`wrote ${OUTPUT}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main(process.argv.slice(2));
