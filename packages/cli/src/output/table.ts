// Plain-text tables with multi-line cells; widths are measured without colour codes.
import { stripAnsi } from "./colour.js";

export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  gap = "  ",
): string {
  const split = rows.map((row) => row.map((cell) => cell.split("\n")));
  const widths = header.map((title, column) =>
    Math.max(
      stripAnsi(title).length,
      ...split.map((row) =>
        Math.max(0, ...(row[column] ?? [""]).map((line) => stripAnsi(line).length)),
      ),
    ),
  );
  const pad = (text: string, column: number) =>
    column === header.length - 1
      ? text
      : text + " ".repeat(widths[column]! - stripAnsi(text).length);
  const lines = [header.map(pad).join(gap).trimEnd()];
  for (const row of split) {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let i = 0; i < height; i++) {
      lines.push(
        header
          .map((_, column) => pad(row[column]?.[i] ?? "", column))
          .join(gap)
          .trimEnd(),
      );
    }
  }
  return lines.join("\n");
}
