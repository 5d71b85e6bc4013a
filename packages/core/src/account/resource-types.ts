// Whether a resource ARN is of one of an action's resource types, by the ARN formats of the IAM
// service data (e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`). `can` with a resource
// asks only the actions the ARN is a resource of (docs/account-can.md). Matching uses the
// linear-time globs of matching/glob.ts: the ARN is the user's, and no regular expression is built.
import type { Glob } from "../matching/glob.js";
import { compileGlob, matchGlob } from "../matching/glob.js";
import { splitArn } from "../validate/service-index.js";

const VARIABLE = /\$\{[^}]*\}/g;
const SINGLE_VARIABLE = /^\$\{[^}]*\}$/;

/** One field of a format: a variable alone (a value is needed), or a glob (variables as `*`). */
type FieldMatcher = "value" | "name" | Glob;

/**
 * A format, field by field (partition, service, region, account, resource). A field that is a
 * single variable needs a value; in the resource field such a variable (a bucket's `${BucketName}`)
 * is a name without `/` or `:`, so that an object's ARN is not also a bucket's. In other fields a
 * variable stands for any text (an object key, a path, a log stream). Literal text matches in any
 * case. Undefined for a format that is not an ARN.
 */
function formatMatchers(format: string): FieldMatcher[] | undefined {
  const fields = splitArn(format.trim().toLowerCase());
  if (fields.length < 6 || fields[0] !== "arn") return undefined;
  return fields.slice(1).map((field, i) => {
    if (SINGLE_VARIABLE.test(field)) return i === 4 ? "name" : "value";
    return compileGlob(field.replace(VARIABLE, "*"));
  });
}

function fieldFits(matcher: FieldMatcher, value: string): boolean {
  if (matcher === "value") return value !== "";
  if (matcher === "name") return value !== "" && !/[/:]/.test(value);
  return matchGlob(matcher, value);
}

const formats = new Map<string, readonly FieldMatcher[][]>();

/**
 * Whether `arn` fits the resource type's ARN format. Some formats hold several ARNs joined by ", "
 * (API Gateway's v1 and v2 paths of one type): any of them fits.
 */
export function arnFitsFormat(arn: string, format: string): boolean {
  let list = formats.get(format);
  if (list === undefined) {
    list = format
      .split(/,\s*(?=arn:)/)
      .map(formatMatchers)
      .filter((m) => m !== undefined);
    formats.set(format, list);
  }
  const fields = splitArn(arn.toLowerCase());
  if (fields.length < 6 || fields[0] !== "arn") return false;
  return list.some((matchers) => matchers.every((m, i) => fieldFits(m, fields[i + 1]!)));
}
