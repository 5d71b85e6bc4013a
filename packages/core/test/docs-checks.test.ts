// docs/checks.md is generated from src/validate/checks.ts by scripts/generate-check-docs.mjs; these
// tests keep the page from drifting away from the catalogue the validator really uses.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CHECKS } from "../src/validate/index.js";
import { REPO_ROOT } from "./repo-root.js";

const SCRIPT = `${REPO_ROOT}scripts/generate-check-docs.mjs`;

interface CatalogueGroup {
  letter: string;
  checks: { code: string; severity: string; title: string; note?: string }[];
}

interface Generator {
  readCatalogue(): CatalogueGroup[];
  renderCheckDocs(): Promise<string>;
}

// A computed specifier: the script is plain JavaScript without type declarations.
const load = (): Promise<Generator> => import(pathToFileURL(SCRIPT).href) as Promise<Generator>;

describe("docs/checks.md", () => {
  it("lists every check of CHECKS, in order, with its severity and title", async () => {
    const { readCatalogue } = await load();
    const read = readCatalogue().flatMap((g) => g.checks);
    const expected = Object.entries(CHECKS).map(([code, info]) => ({
      code,
      severity: info.severity,
      title: info.title,
    }));
    expect(read.map(({ code, severity, title }) => ({ code, severity, title }))).toEqual(expected);
  });

  it("groups the checks under the letters A to G, each once", async () => {
    const { readCatalogue } = await load();
    expect(readCatalogue().map((g) => g.letter)).toEqual(["A", "B", "C", "D", "E", "F", "G"]);
  });

  it("is what the generator renders today", async () => {
    const { renderCheckDocs } = await load();
    const onDisk = readFileSync(`${REPO_ROOT}docs/checks.md`, "utf8");
    expect(onDisk).toBe(await renderCheckDocs());
  });

  it("passes the generator's --check mode", () => {
    // Throws (non-zero exit) when the page is stale.
    execFileSync(process.execPath, [SCRIPT, "--check"], { cwd: REPO_ROOT, stdio: "pipe" });
  });
});
