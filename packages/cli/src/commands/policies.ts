// `iamspec policies`: the bundled AWS managed policies, with ARN and versions.
import { stringFlag } from "../args.js";
import type { CliCommand } from "../command.js";
import { formatArg } from "../command.js";
import { inputError } from "../errors.js";
import { loadCatalog } from "../input/bundled.js";
import { writeLine } from "../io.js";
import { renderTable } from "../output/table.js";

export const policiesCommand: CliCommand = {
  definition: {
    meta: { name: "policies", description: "List the bundled AWS managed policies" },
    args: {
      search: {
        type: "string",
        valueHint: "text",
        description: "Only policies whose name, ARN or description contains TEXT",
      },
      format: formatArg(["text", "json"]),
    },
  },
  examples: [
    ["iamspec policies --search ImageBuilder", "find a policy by name"],
    ["iamspec policies --format json", "every bundled policy as JSON"],
  ],
  async run(line, io) {
    const catalog = await loadCatalog();
    if (!catalog) throw inputError("the bundled policies are not available (run npm run build)");
    const search = stringFlag(line, "search")?.toLowerCase();
    const entries = catalog.policyCatalog.filter(
      (entry) =>
        search === undefined ||
        [entry.name, entry.arn, entry.description ?? ""].some((text) =>
          text.toLowerCase().includes(search),
        ),
    );
    if (stringFlag(line, "format") === "json") {
      writeLine(io.stdout, JSON.stringify(entries, null, 2));
      return 0;
    }
    if (entries.length === 0) {
      writeLine(io.stderr, `no bundled policy matches "${stringFlag(line, "search")}"`);
      return 0;
    }
    const rows = entries.map((entry) => [
      io.out.bold(entry.name),
      entry.versions.map((v) => (v === entry.defaultVersion ? `${v}*` : v)).join(" "),
      io.out.dim(entry.arn),
    ]);
    writeLine(io.stdout, renderTable(["NAME", "VERSIONS", "ARN"], rows));
    writeLine(
      io.stdout,
      io.out.dim(
        `${entries.length} of ${catalog.policyCatalog.length} policies; * marks the default version`,
      ),
    );
    return 0;
  },
};
