// `iamspec can` as text: a summary line, then per service its allowed actions by access level,
// wrapped; an uncertain answer is marked `?` and explained once at the end.
import type { CanResult } from "@iamspec/core";
import type { Paint } from "./colour.js";
import { stripAnsi } from "./colour.js";

const WIDTH = 100;
/** Continuation lines start here (then one space). */
const CONTINUATION = "   ";

/** Names joined by ", ", wrapped at WIDTH columns, the first line after `head`. */
function wrapped(head: string, names: readonly string[]): string[] {
  const lines: string[] = [];
  let line = head;
  let width = stripAnsi(head).length;
  names.forEach((name, i) => {
    const piece = i < names.length - 1 ? `${name},` : name;
    const size = stripAnsi(piece).length;
    if (width + 1 + size > WIDTH && width > CONTINUATION.length) {
      lines.push(line);
      line = CONTINUATION;
      width = CONTINUATION.length;
    }
    line += ` ${piece}`;
    width += 1 + size;
  });
  lines.push(line);
  return lines;
}

export function formatCanText(result: CanResult, paint: Paint): string {
  const count = (n: number) => n.toLocaleString("en-US");
  const on = result.resource === "*" ? "*" : result.resource;
  if (result.asked === 0)
    return `${result.kind} ${result.principal}: no action of the IAM service data (${result.serviceDataDate}) has a resource type that ${on} fits; give an ARN of a resource, or * (the default)`;
  const maybe = result.services
    .flatMap((s) => s.accessLevels.flatMap((l) => l.actions))
    .filter((a) => a.decision !== "Allowed").length;
  const out = [
    `${result.kind} ${result.principal} may perform ${count(result.allowed)} of ${count(result.asked)} actions on ${on}${maybe > 0 ? `, ${count(maybe)} more under an uncertain reading` : ""} (IAM service data of ${result.serviceDataDate})`,
  ];
  for (const service of result.services) {
    const allowed = service.accessLevels.reduce((n, l) => n + l.actions.length, 0);
    out.push(
      "",
      `${paint.bold(service.service)} ${paint.dim(`(${service.name}): ${allowed} of ${service.asked}`)}`,
    );
    for (const level of service.accessLevels) {
      const names = level.actions.map((a) => {
        const name = a.action.slice(a.action.indexOf(":") + 1);
        return a.uncertain ? `${name}${paint.yellow("?")}` : name;
      });
      out.push(...wrapped(`  ${level.accessLevel}:`, names));
    }
  }
  if (result.uncertain > 0)
    out.push(
      paint.yellow(
        `? ${count(result.uncertain)} uncertain: allowed under one reading of what AWS documents and not the other (--format json shows the readings)`,
      ),
    );
  // `*` asks what is allowed on every resource: a grant on one bucket or key does not show.
  if (result.resource === "*")
    out.push(
      paint.dim(
        "Asked about * (every resource): actions allowed only on some resources are not listed; ask with --resource ARN",
      ),
    );
  return out.join("\n");
}
