// One module per policy: the constant with metadata, every version's document as a deeply
// readonly literal, the default version's Sids/actions/resources/condition keys as literal
// tuples, and the unions derived from them.
//
// Printed directly in prettier's layout rather than through ts-morph + prettier: 1,600 of these
// through prettier take minutes on two cores. A test formats the goldens with prettier and
// requires them unchanged, so the output stays exactly what prettier would write.
import type { PolicyModel } from "../analysis/policy-model.js";
import { valueOf, type JsonNode } from "../analysis/json-node.js";
import { arr, dataFromJson, obj, printData, raw, str, strings, type DataNode } from "./data-printer.js";
import { generatedHeader } from "./format.js";

export function policyModulePath(model: PolicyModel): string {
  return `policies/${model.name}.ts`;
}

export interface PolicyModuleExtras {
  /** Members of the union of every concrete action the Allow statements grant (wildcards expanded). */
  grantedActions?: readonly string[];
  /** Type-only imports those members need: module specifier -> names. */
  typeImports?: ReadonlyMap<string, readonly string[]>;
}

const width = 100;

/** `<head><data><tail>` with the data laid out for where it starts. */
function withData(head: string, data: DataNode, tail: string): string {
  return `${head}${printData(data, 0, head.length, tail.length)}${tail}`;
}

/** `export type Name = Type;`, broken after `=` when too long, as prettier does. */
function typeAlias(name: string, type: DataNode): string {
  const head = `export type ${name} = `;
  const printed = printData(type, 0, head.length, 1);
  const lone = type.kind === "union" && type.members.length === 1 ? type.members[0]! : undefined;
  const generic = lone ? /^(\w+)<(\w+), (.+)>$/.exec(lone) : null;
  if (lone && generic && head.length + lone.length + 1 > width) {
    // A lone generic type breaks inside its type arguments, as prettier does.
    return `${head}${generic[1]}<\n  ${generic[2]},\n  ${generic[3]}\n>;`;
  }
  if (printed.startsWith("\n")) {
    // Too long for the first line: on its own line if it fits there, else one member per line.
    const next = printData(type, 0, 2, 1);
    return next.startsWith("\n") ? `export type ${name} =${next};` : `export type ${name} =\n  ${next};`;
  }
  const line = `${head}${printed};`;
  return line.length <= width || printed.includes("\n") ? line : `export type ${name} =\n  ${printed};`;
}

function jsDoc(paragraphs: readonly string[]): string {
  const lines = paragraphs.flatMap((p, i) => [...(i > 0 ? [""] : []), ...p.replace(/\*\//g, "*\\/").split("\n")]);
  return `/**\n${lines.map((l) => (l ? ` * ${l}` : " *")).join("\n")}\n */`;
}

export function emitPolicyModule(model: PolicyModel, extras: PolicyModuleExtras = {}): string {
  const id = model.identifier;
  const latest = model.versions[model.versions.length - 1]!;
  const facts = latest.facts();
  const docName = (versionId: string) => `${id}_${versionId}`;
  // `as typeof` makes the declaration file say `typeof X_v1` instead of repeating the document's
  // literal type at every use (halves the .d.ts and tsc's emit time).
  const docRef = (versionId: string) => raw(`${docName(versionId)} as typeof ${docName(versionId)}`);
  const optional = (key: string, value: string | undefined): [string, DataNode][] =>
    value === undefined ? [] : [[key, str(value)]];
  const constant = obj([
    ["name", str(model.name)],
    ["arn", str(model.arn)],
    ...optional("description", model.description),
    ["defaultVersion", str(model.defaultVersion)],
    ...optional("createdAt", model.createdAt),
    ...optional("updatedAt", model.updatedAt),
    ["document", docRef(latest.versionId)],
    [
      "versions",
      obj(
        model.versions.map((v) => [
          v.versionId,
          obj([["document", docRef(v.versionId)], ...optional("createdAt", v.createdAt)]),
        ]),
      ),
    ],
    ["sids", strings(facts.sids)],
    ["actions", strings(facts.actions)],
    ...(facts.notActions.length > 0 ? [["notActions", strings(facts.notActions)] as [string, DataNode]] : []),
    ["resources", strings(facts.resources)],
    ["conditionKeys", strings(facts.conditionKeys)],
  ]);
  const docs = [
    model.description ?? `The policy ${model.name}.`,
    ...(model.arn.startsWith("arn:aws:iam::aws:policy/")
      ? [`@see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/${model.name}.html`]
      : []),
  ];
  const usesConcrete = extras.grantedActions?.some((m) => m.startsWith("ConcreteAction<")) ?? false;
  const imports = [
    `import type { ${usesConcrete ? "ConcreteAction, " : ""}GeneratedPolicy } from "../../types.js";`,
    ...[...(extras.typeImports ?? new Map<string, readonly string[]>())]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([from, names]) => `import type { ${names.join(", ")} } from "${from}";`),
  ];
  const shared = sharedStatements(model, id);
  const sections = [
    `${generatedHeader(model.files)}\n${imports.join("\n")}`,
    ...[...shared.values()].map(({ name, node }) => withData(`const ${name} = `, dataFromJson(node), " as const;")),
    ...model.versions.map((v) =>
      withData(`const ${docName(v.versionId)} = `, documentData(v.facts().root, shared), " as const;"),
    ),
    `${jsDoc(docs)}\n${withData(`export const ${id} = `, constant, " as const satisfies GeneratedPolicy;")}`,
    (
      [
        ["Sid", "sids"],
        ["Action", "actions"],
        ["Resource", "resources"],
        ["ConditionKey", "conditionKeys"],
      ] as const
    )
      .map(([suffix, field]) => typeAlias(`${id}${suffix}`, raw(`(typeof ${id}.${field})[number]`)))
      .join("\n"),
    ...(extras.grantedActions
      ? [
          `${jsDoc(["Every concrete action the Allow statements' `Action` grants, wildcards expanded with the IAM reference data."])}\n` +
            typeAlias(`${id}GrantedAction`, { kind: "union", members: extras.grantedActions }),
        ]
      : []),
  ];
  return `${sections.join("\n\n")}\n`;
}

/**
 * Statements that appear in more than one version (v2 usually repeats most of v1) are written once,
 * as `X_statementN`, and referenced from each document: half the bytes for a two-version policy.
 */
function sharedStatements(model: PolicyModel, id: string): Map<string, { name: string; node: JsonNode }> {
  const shared = new Map<string, { name: string; node: JsonNode }>();
  if (model.versions.length < 2) return shared;
  const seenIn = new Map<string, { count: number; node: JsonNode }>();
  for (const version of model.versions) {
    const keys = new Set(statementsOf(version.facts().root).map((node) => JSON.stringify(valueOf(node))));
    for (const node of statementsOf(version.facts().root)) {
      const key = JSON.stringify(valueOf(node));
      if (!keys.delete(key)) continue;
      const seen = seenIn.get(key);
      if (seen) seen.count++;
      else seenIn.set(key, { count: 1, node });
    }
  }
  for (const [key, { count, node }] of seenIn) {
    if (count > 1) shared.set(key, { name: `${id}_statement${shared.size}`, node });
  }
  return shared;
}

function statementsOf(root: JsonNode): JsonNode[] {
  if (root.type !== "object") return [];
  const statement = root.entries.findLast((e) => e.key === "Statement")?.value;
  return statement?.type === "array" ? statement.items : [];
}

/** The document's data, with shared statements replaced by references to their constants. */
function documentData(root: JsonNode, shared: ReadonlyMap<string, { name: string }>): DataNode {
  if (shared.size === 0 || root.type !== "object") return dataFromJson(root);
  const last = new Map(root.entries.map((e) => [e.key, e.value]));
  return obj(
    [...last].map(([key, value]) => {
      if (key !== "Statement" || value.type !== "array") return [key, dataFromJson(value)] as const;
      return [
        key,
        arr(
          value.items.map((item) => {
            const ref = shared.get(JSON.stringify(valueOf(item)));
            return ref ? raw(`${ref.name} as typeof ${ref.name}`) : dataFromJson(item);
          }),
        ),
      ] as const;
    }),
  );
}
