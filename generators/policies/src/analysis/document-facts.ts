// What a policy module exposes besides the document: Sids, actions, resource patterns and
// condition keys (each once, in order of first appearance), and every action pattern with its
// position for the service reference checks.
import { GeneratorError, type GeneratorDiagnostic } from "../errors.js";
import type { PolicySource } from "../inputs/policy-source.js";
import { shiftPosition } from "../inputs/text-position.js";
import { parseJsonNode, type JsonNode } from "./json-node.js";
import { validateDocument } from "./validate-document.js";

export interface ActionPatternRef {
  pattern: string;
  element: "Action" | "NotAction";
  effect: string;
  path: string;
  line?: number;
  column?: number;
}

export interface DocumentFacts {
  root: JsonNode;
  sids: string[];
  actions: string[];
  notActions: string[];
  resources: string[];
  conditionKeys: string[];
  actionRefs: ActionPatternRef[];
}

/** Parses and validates a source's document; a policy with errors throws a GeneratorError. */
export function analyzeDocument(source: PolicySource): DocumentFacts {
  const parsed = parseJsonNode(source.documentText);
  if (!parsed.ok) {
    const { line, column } = shiftPosition(source.documentOffset, parsed.error.line, parsed.error.column);
    throw new GeneratorError([
      { file: source.file, line, column, path: "$", message: `invalid JSON: ${parsed.error.message}`, code: "JSON_SYNTAX_ERROR" },
    ]);
  }
  const errors = validateDocument(source, parsed.root);
  if (errors.length > 0) throw new GeneratorError(errors);
  return collectFacts(source, parsed.root);
}

function collectFacts(source: PolicySource, root: JsonNode): DocumentFacts {
  const sids = new Set<string>();
  const actions = new Set<string>();
  const notActions = new Set<string>();
  const resources = new Set<string>();
  const conditionKeys = new Set<string>();
  const actionRefs: ActionPatternRef[] = [];
  const position = (node: JsonNode): Pick<GeneratorDiagnostic, "line" | "column"> =>
    node.loc.line ? shiftPosition(source.documentOffset, node.loc.line, node.loc.column) : {};

  const statementNode = member(root, "Statement");
  const statements = statementNode?.type === "array" ? statementNode.items : statementNode ? [statementNode] : [];
  statements.forEach((statement, index) => {
    const path = statementNode?.type === "array" ? `$.Statement[${index}]` : "$.Statement";
    const sid = member(statement, "Sid");
    if (sid?.type === "string" && sid.value !== "") sids.add(sid.value);
    const effect = member(statement, "Effect");
    for (const element of ["Action", "NotAction"] as const) {
      for (const { node, path: itemPath } of stringItems(member(statement, element), `${path}.${element}`)) {
        (element === "Action" ? actions : notActions).add(node.value);
        actionRefs.push({
          pattern: node.value,
          element,
          effect: effect?.type === "string" ? effect.value : "",
          path: itemPath,
          ...position(node),
        });
      }
    }
    for (const { node } of stringItems(member(statement, "Resource"), `${path}.Resource`)) resources.add(node.value);
    const condition = member(statement, "Condition");
    if (condition?.type === "object") {
      for (const operator of condition.entries) {
        if (operator.value.type !== "object") continue;
        for (const key of operator.value.entries) conditionKeys.add(key.key);
      }
    }
  });
  return {
    root,
    sids: [...sids],
    actions: [...actions],
    notActions: [...notActions],
    resources: [...resources],
    conditionKeys: [...conditionKeys],
    actionRefs,
  };
}

function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== "object") return undefined;
  // The last duplicate wins, as in JSON.parse (core's validator reports duplicates).
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i]!.value;
  return undefined;
}

function stringItems(
  node: JsonNode | undefined,
  path: string,
): { node: Extract<JsonNode, { type: "string" }>; path: string }[] {
  if (node?.type === "string") return [{ node, path }];
  if (node?.type !== "array") return [];
  return node.items.flatMap((item, i) => (item.type === "string" ? [{ node: item, path: `${path}[${i}]` }] : []));
}
