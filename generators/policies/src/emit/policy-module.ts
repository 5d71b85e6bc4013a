// One module per policy: the constant with metadata, every version's document as a deeply
// readonly literal, the default version's Sids/actions/resources/condition keys as literal
// tuples, and the unions derived from them.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { PolicyModel } from "../analysis/policy-model.js";
import { formatTypeScript, generatedHeader, printStatements } from "./format.js";
import { literalFromNode, propertyKey, stringTuple } from "./literal.js";

export function policyModulePath(model: PolicyModel): string {
  return `policies/${model.name}.ts`;
}

export interface PolicyModuleExtras {
  /** A type expression for every concrete action the Allow statements grant (wildcards expanded). */
  grantedActionType?: string;
  /** Type-only imports the expression needs: module specifier -> names. */
  typeImports?: ReadonlyMap<string, readonly string[]>;
}

export async function emitPolicyModule(model: PolicyModel, extras: PolicyModuleExtras = {}): Promise<string> {
  const id = model.identifier;
  const latest = model.versions[model.versions.length - 1]!;
  const facts = latest.facts;
  const docName = (versionId: string) => `${id}_${versionId}`;
  const entries: [string, string][] = [
    ["name", JSON.stringify(model.name)],
    ["arn", JSON.stringify(model.arn)],
    ...(model.description ? [["description", JSON.stringify(model.description)] as [string, string]] : []),
    ["defaultVersion", JSON.stringify(model.defaultVersion)],
    ...(model.createdAt ? [["createdAt", JSON.stringify(model.createdAt)] as [string, string]] : []),
    ...(model.updatedAt ? [["updatedAt", JSON.stringify(model.updatedAt)] as [string, string]] : []),
    ["document", docName(latest.versionId)],
    [
      "versions",
      `{ ${model.versions
        .map(
          (v) =>
            `${propertyKey(v.versionId)}: { document: ${docName(v.versionId)}${v.createdAt ? `, createdAt: ${JSON.stringify(v.createdAt)}` : ""} }`,
        )
        .join(", ")} }`,
    ],
    ["sids", stringTuple(facts.sids)],
    ["actions", stringTuple(facts.actions)],
    ...(facts.notActions.length > 0 ? [["notActions", stringTuple(facts.notActions)] as [string, string]] : []),
    ["resources", stringTuple(facts.resources)],
    ["conditionKeys", stringTuple(facts.conditionKeys)],
  ];
  const description = [
    model.description ?? `The policy ${model.name}.`,
    ...(model.arn ? [`@see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/${model.name}.html`] : []),
  ];
  const imports = [
    { moduleSpecifier: "../../types.js", namedImports: ["GeneratedPolicy"], isTypeOnly: true },
    ...[...(extras.typeImports ?? new Map<string, readonly string[]>())].map(([moduleSpecifier, names]) => ({
      moduleSpecifier,
      namedImports: [...names],
      isTypeOnly: true,
    })),
  ];
  const statements: StatementStructures[] = [
    ...imports.map((i) => ({ kind: StructureKind.ImportDeclaration as const, ...i })),
    ...model.versions.map((v) => ({
      kind: StructureKind.VariableStatement as const,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: docName(v.versionId), initializer: `${literalFromNode(v.facts.root)} as const` }],
    })),
    {
      kind: StructureKind.VariableStatement as const,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: [description.join("\n\n")],
      declarations: [
        {
          name: id,
          initializer: `{ ${entries.map(([k, v]) => `${k}: ${v}`).join(", ")} } as const satisfies GeneratedPolicy`,
        },
      ],
    },
    ...(
      [
        ["Sid", "sids"],
        ["Action", "actions"],
        ["Resource", "resources"],
        ["ConditionKey", "conditionKeys"],
      ] as const
    ).map(([suffix, field]) => ({
      kind: StructureKind.TypeAlias as const,
      isExported: true,
      name: `${id}${suffix}`,
      type: `(typeof ${id}.${field})[number]`,
    })),
    ...(extras.grantedActionType
      ? [
          {
            kind: StructureKind.TypeAlias as const,
            isExported: true,
            docs: ["Every concrete action the Allow statements' `Action` grants, wildcards expanded with the IAM reference data."],
            name: `${id}GrantedAction`,
            type: extras.grantedActionType,
          },
        ]
      : []),
  ];
  const body = printStatements(statements);
  return formatTypeScript(generatedHeader(model.files), body);
}
