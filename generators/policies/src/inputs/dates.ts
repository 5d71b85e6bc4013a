// Dates in one canonical form: ISO 8601 UTC with seconds and no milliseconds (`2026-06-04T17:12:00Z`).

const months = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];

/** `June 04, 2026, 17:12 UTC` (as on AWS documentation pages) to ISO; undefined when unreadable. */
export function isoFromAwsPageDate(text: string): string | undefined {
  const match = /^([A-Za-z]+) (\d{1,2}), (\d{4}), (\d{1,2}):(\d{2})(?::(\d{2}))? UTC$/.exec(text.trim());
  if (!match) return undefined;
  const month = months.indexOf(match[1]!.toLowerCase());
  if (month === -1) return undefined;
  const date = new Date(
    Date.UTC(+match[3]!, month, +match[2]!, +match[4]!, +match[5]!, match[6] ? +match[6] : 0),
  );
  return Number.isNaN(date.getTime()) ? undefined : canonicalIso(date);
}

/** Any date the corpus package gives (ISO string or Date) to the canonical form. */
export function canonicalIso(value: string | Date): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
