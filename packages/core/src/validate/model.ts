// A tolerant view of a policy document over the JSON tree: statements, their elements and condition
// entries, each with its JSON node and path. Nothing is rejected here; the checks report what is wrong.
// Duplicate keys follow the legacy rules of docs/evaluation-rules.md §1.7: Action/Resource (and their Not forms)
// merge, every other element keeps its last occurrence.
import { type JsonLoc, type JsonNode, jsonPathAppend } from "./json.js";

export type ObjectNode = Extract<JsonNode, { type: "object" }>;

export interface Member {
  key: string;
  keyLoc: JsonLoc;
  value: JsonNode;
  path: string;
}

export interface StringItem {
  value: string;
  node: JsonNode;
  path: string;
}

/** `Action`, `Resource`, … : a string or an array of strings (non-strings are left out here). */
export interface StringList {
  element: string;
  items: StringItem[];
  /** The member(s) the list came from (several when the key is duplicated). */
  members: Member[];
  /** Whether some occurrence was written as `[]`. */
  emptyArray: boolean;
}

export interface ConditionValueItem {
  text: string;
  jsonType: "string" | "number" | "boolean" | "other";
  node: JsonNode;
  path: string;
}

export interface ConditionEntry {
  operator: string;
  operatorMember: Member;
  key: string;
  keyMember: Member;
  values: ConditionValueItem[];
  /** The value was written as an array (possibly empty). */
  isArray: boolean;
}

export interface StatementView {
  index: number;
  node: ObjectNode;
  path: string;
  /** Every member, duplicates included, in order. */
  members: Member[];
  /** Last occurrence per element name. */
  element: Map<string, Member>;
  effect?: string;
  sid?: string;
  action?: StringList;
  notAction?: StringList;
  resource?: StringList;
  notResource?: StringList;
  principal?: Member;
  notPrincipal?: Member;
  condition?: Member;
  conditions: ConditionEntry[];
}

export interface PolicyView {
  root: JsonNode;
  members: Member[];
  element: Map<string, Member>;
  /** The `Version` string as written, if it is a string. */
  version?: string;
  statementMember?: Member;
  statements: StatementView[];
}

export function membersOf(node: ObjectNode, path: string): Member[] {
  return node.entries.map((entry) => ({
    key: entry.key,
    keyLoc: entry.keyLoc,
    value: entry.value,
    path: jsonPathAppend(path, entry.key),
  }));
}

function lastByKey(members: Member[]): Map<string, Member> {
  const map = new Map<string, Member>();
  for (const member of members) map.set(member.key, member);
  return map;
}

function stringList(members: Member[], element: string): StringList | undefined {
  const own = members.filter((member) => member.key === element);
  if (own.length === 0) return undefined;
  const list: StringList = { element, items: [], members: own, emptyArray: false };
  for (const member of own) {
    const value = member.value;
    if (value.type === "string")
      list.items.push({ value: value.value, node: value, path: member.path });
    else if (value.type === "array") {
      if (value.items.length === 0) list.emptyArray = true;
      value.items.forEach((item, i) => {
        if (item.type === "string")
          list.items.push({ value: item.value, node: item, path: jsonPathAppend(member.path, i) });
      });
    }
  }
  return list;
}

function scalarText(node: JsonNode): ConditionValueItem["jsonType"] {
  return node.type === "string" || node.type === "number" || node.type === "boolean"
    ? node.type
    : "other";
}

function conditionValue(node: JsonNode, path: string): ConditionValueItem {
  const jsonType = scalarText(node);
  const text =
    node.type === "string"
      ? node.value
      : node.type === "number"
        ? node.raw
        : node.type === "boolean"
          ? String(node.value)
          : "";
  return { text, jsonType, node, path };
}

function conditionEntries(condition: Member | undefined): ConditionEntry[] {
  if (!condition || condition.value.type !== "object") return [];
  const entries: ConditionEntry[] = [];
  for (const operatorMember of membersOf(condition.value, condition.path)) {
    if (operatorMember.value.type !== "object") continue;
    for (const keyMember of membersOf(operatorMember.value, operatorMember.path)) {
      const value = keyMember.value;
      const isArray = value.type === "array";
      const values =
        value.type === "array"
          ? value.items.map((item, i) => conditionValue(item, jsonPathAppend(keyMember.path, i)))
          : [conditionValue(value, keyMember.path)];
      entries.push({
        operator: operatorMember.key,
        operatorMember,
        key: keyMember.key,
        keyMember,
        values,
        isArray,
      });
    }
  }
  return entries;
}

function statementView(node: ObjectNode, path: string, index: number): StatementView {
  const members = membersOf(node, path);
  const element = lastByKey(members);
  const effect = element.get("Effect")?.value;
  const sid = element.get("Sid")?.value;
  const condition = element.get("Condition");
  return {
    index,
    node,
    path,
    members,
    element,
    effect: effect?.type === "string" ? effect.value : undefined,
    sid: sid?.type === "string" ? sid.value : undefined,
    action: stringList(members, "Action"),
    notAction: stringList(members, "NotAction"),
    resource: stringList(members, "Resource"),
    notResource: stringList(members, "NotResource"),
    principal: element.get("Principal"),
    notPrincipal: element.get("NotPrincipal"),
    condition,
    conditions: conditionEntries(condition),
  };
}

export function buildPolicyView(root: JsonNode): PolicyView {
  const members = root.type === "object" ? membersOf(root, "$") : [];
  const element = lastByKey(members);
  const version = element.get("Version")?.value;
  const statementMember = element.get("Statement");
  const statements: StatementView[] = [];
  const value = statementMember?.value;
  if (value?.type === "object") statements.push(statementView(value, statementMember!.path, 0));
  else if (value?.type === "array") {
    value.items.forEach((item, i) => {
      if (item.type === "object")
        statements.push(statementView(item, jsonPathAppend(statementMember!.path, i), i));
    });
  }
  return {
    root,
    members,
    element,
    version: version?.type === "string" ? version.value : undefined,
    statementMember,
    statements,
  };
}

/** The place of a JSON node for `report`. */
export function at(
  path: string,
  node: { loc: JsonLoc } | undefined,
): { path: string; loc?: JsonLoc } {
  return node ? { path, loc: node.loc } : { path };
}

/** The place of a member's key (for errors about the key itself). */
export function atKey(member: Member): { path: string; loc: JsonLoc } {
  return { path: member.path, loc: member.keyLoc };
}
