// The located policy: every statement of a document as written, each element with its JSON node and its
// place (the AST's SourceLocation), whatever grammar errors the statement has. parsePolicyNode reports those
// errors and builds the strict Policy only when there are none; validatePolicy lints this reading. Nothing
// is rejected here. Duplicate keys follow the legacy rules of docs/evaluation-rules.md §1.7: Action/Resource
// (and their Not forms) merge, every other element keeps its last occurrence.
import type { ConditionValue, PrincipalBlock, PrincipalKind, SourceLocation } from "../types.js";
import type { JsonNode } from "../json/types.js";
import { jsonPathAppend } from "../json/path.js";
import { locOf, type ObjectNode } from "./element-reader.js";
import { PRINCIPAL_KINDS } from "./grammar.js";
import type { ParsedOperator } from "./operators.js";
import { conditionValue, operatorOf } from "./read-conditions.js";

/** One key of a JSON object and its value, duplicates included. */
export interface LocatedMember {
  key: string;
  value: JsonNode;
  /** The value's place. */
  loc: SourceLocation;
  /** The key's place (for findings about the element itself). */
  keyLoc: SourceLocation;
}

/** One string of `Action`, `Resource`, … */
export interface LocatedPattern {
  value: string;
  loc: SourceLocation;
}

/** `Action`, `Resource`, … : a string or an array of strings (non-strings are left out here). */
export interface LocatedList {
  element: string;
  items: LocatedPattern[];
  /** The member(s) the list came from (several when the key is duplicated). */
  members: LocatedMember[];
  /** Whether some occurrence was written as `[]`. */
  emptyArray: boolean;
}

/** `Principal` / `NotPrincipal`: the AST's block (string values of the known principal kinds), with the
 * member it came from and each kind as written. */
export interface LocatedPrincipal extends PrincipalBlock {
  member: LocatedMember;
  /** The members of the known principal kinds, in order, duplicates included. */
  kinds: LocatedMember[];
}

/** A condition value; values that are not scalars are kept as `other` so that the list keeps its length. */
export type LocatedConditionValue = Omit<ConditionValue, "jsonType"> & {
  jsonType: ConditionValue["jsonType"] | "other";
};

/** One key under one operator of a `Condition` block. */
export interface LocatedCondition {
  operator: string;
  /** The operator as the grammar reads it (`ok: false` for names the parser rejects). */
  parsed: ParsedOperator;
  operatorMember: LocatedMember;
  key: string;
  keyMember: LocatedMember;
  values: LocatedConditionValue[];
  /** The value was written as an array (possibly empty). */
  isArray: boolean;
}

export interface LocatedStatement {
  /** Position in the `Statement` array (0 for a single statement object). */
  index: number;
  loc: SourceLocation;
  /** Last occurrence per element name. */
  elements: Map<string, LocatedMember>;
  /** `Effect` and `Sid` when they are strings, as written. */
  effect?: string;
  sid?: string;
  action?: LocatedList;
  notAction?: LocatedList;
  resource?: LocatedList;
  notResource?: LocatedList;
  principal?: LocatedPrincipal;
  notPrincipal?: LocatedPrincipal;
  condition?: LocatedMember;
  conditions: LocatedCondition[];
}

export interface LocatedPolicy {
  root: JsonNode;
  loc: SourceLocation;
  /** Last occurrence per element name (empty when the document is not an object). */
  elements: Map<string, LocatedMember>;
  /** The `Version` string as written, if it is a string. */
  version?: string;
  /** The statements that are objects. */
  statements: LocatedStatement[];
}

function membersOf(node: ObjectNode, path: string): LocatedMember[] {
  return node.entries.map((entry) => {
    const memberPath = jsonPathAppend(path, entry.key);
    return {
      key: entry.key,
      value: entry.value,
      loc: locOf(memberPath, entry.value.loc),
      keyLoc: locOf(memberPath, entry.keyLoc),
    };
  });
}

function lastByKey(members: LocatedMember[]): Map<string, LocatedMember> {
  const map = new Map<string, LocatedMember>();
  for (const member of members) map.set(member.key, member);
  return map;
}

function stringList(members: LocatedMember[], element: string): LocatedList | undefined {
  const own = members.filter((member) => member.key === element);
  if (own.length === 0) return undefined;
  const list: LocatedList = { element, items: [], members: own, emptyArray: false };
  for (const member of own) {
    const value = member.value;
    if (value.type === "string") list.items.push({ value: value.value, loc: member.loc });
    else if (value.type === "array") {
      if (value.items.length === 0) list.emptyArray = true;
      value.items.forEach((item, i) => {
        if (item.type === "string")
          list.items.push({
            value: item.value,
            loc: locOf(jsonPathAppend(member.loc.path, i), item.loc),
          });
      });
    }
  }
  return list;
}

function principalOf(member: LocatedMember | undefined): LocatedPrincipal | undefined {
  if (member === undefined) return undefined;
  const node = member.value;
  const principal: LocatedPrincipal = {
    wildcard: node.type === "string" && node.value === "*",
    entries: [],
    loc: member.loc,
    member,
    kinds: [],
  };
  if (node.type !== "object") return principal;
  for (const kind of membersOf(node, member.loc.path)) {
    if (!PRINCIPAL_KINDS.includes(kind.key as PrincipalKind)) continue;
    principal.kinds.push(kind);
    const isArray = kind.value.type === "array";
    const items = kind.value.type === "array" ? kind.value.items : [kind.value];
    items.forEach((item, i) => {
      if (item.type !== "string") return;
      const loc = isArray ? locOf(jsonPathAppend(kind.loc.path, i), item.loc) : kind.loc;
      principal.entries.push({ kind: kind.key as PrincipalKind, value: item.value, loc });
    });
  }
  return principal;
}

function locatedValue(node: JsonNode, path: string): LocatedConditionValue {
  return conditionValue(node, path) ?? { text: "", jsonType: "other", loc: locOf(path, node.loc) };
}

function conditionsOf(condition: LocatedMember | undefined): LocatedCondition[] {
  if (condition?.value.type !== "object") return [];
  const conditions: LocatedCondition[] = [];
  for (const operatorMember of membersOf(condition.value, condition.loc.path)) {
    if (operatorMember.value.type !== "object") continue;
    const parsed = operatorOf(operatorMember.key);
    for (const keyMember of membersOf(operatorMember.value, operatorMember.loc.path)) {
      const value = keyMember.value;
      const path = keyMember.loc.path;
      conditions.push({
        operator: operatorMember.key,
        parsed,
        operatorMember,
        key: keyMember.key,
        keyMember,
        values:
          value.type === "array"
            ? value.items.map((item, i) => locatedValue(item, jsonPathAppend(path, i)))
            : [locatedValue(value, path)],
        isArray: value.type === "array",
      });
    }
  }
  return conditions;
}

function stringValue(member: LocatedMember | undefined): string | undefined {
  return member?.value.type === "string" ? member.value.value : undefined;
}

function readStatement(node: ObjectNode, path: string, index: number): LocatedStatement {
  const members = membersOf(node, path);
  const elements = lastByKey(members);
  const condition = elements.get("Condition");
  return {
    index,
    loc: locOf(path, node.loc),
    elements,
    effect: stringValue(elements.get("Effect")),
    sid: stringValue(elements.get("Sid")),
    action: stringList(members, "Action"),
    notAction: stringList(members, "NotAction"),
    resource: stringList(members, "Resource"),
    notResource: stringList(members, "NotResource"),
    principal: principalOf(elements.get("Principal")),
    notPrincipal: principalOf(elements.get("NotPrincipal")),
    condition,
    conditions: conditionsOf(condition),
  };
}

/** Reads a policy document's JSON tree (see `parseJson`) as written, for lint. */
export function readLocatedPolicy(root: JsonNode): LocatedPolicy {
  const elements = lastByKey(root.type === "object" ? membersOf(root, "$") : []);
  const statements: LocatedStatement[] = [];
  const statement = elements.get("Statement");
  const value = statement?.value;
  if (value?.type === "object") statements.push(readStatement(value, statement!.loc.path, 0));
  else if (value?.type === "array") {
    value.items.forEach((item, i) => {
      if (item.type === "object")
        statements.push(readStatement(item, jsonPathAppend(statement!.loc.path, i), i));
    });
  }
  return {
    root,
    loc: locOf("$", root.loc),
    elements,
    version: stringValue(elements.get("Version")),
    statements,
  };
}
