// One request as a file in the request format (docs/architecture.md §5.1) (what `iamspec eval --request` reads):
// export the page's request with its policies, or import one into the page.
import { entryPath, isPolicyReference, readPolicySetShape } from "@iamspec/core";
import { formatContextValue } from "./context-value.js";
import type { DecodedState, SharedDraft } from "./share.js";
import { emptyPolicies, type AppState } from "./state.js";

/** The page's request as a request-format object; bundled policies by name, others inline. */
export function requestFileOf(
  state: AppState,
  policies: Record<string, unknown>,
): Record<string, unknown> {
  const { principal, action, resource, context } = state.request;
  const rows = context.filter((row) => row.key.trim() !== "");
  return {
    ...(principal ? { principal } : {}),
    action,
    ...(resource ? { resource } : {}),
    ...(rows.length > 0
      ? { context: Object.fromEntries(rows.map((r) => [r.key.trim(), contextOut(r.value)])) }
      : {}),
    policies,
  };
}

function contextOut(value: string): unknown {
  const trimmed = value.trim();
  if (trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * Reads a request file into page state (the batch is left as it is). Throws an Error with a
 * one-line message naming the JSON path of the first problem.
 */
export function readRequestFile(text: string): Omit<DecodedState, "batch"> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`The request file is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(raw)) throw new Error("$: a request is an object with at least an action");
  if (typeof raw.action !== "string")
    throw new Error('$.action: required, e.g. "ec2:RunInstances"');
  for (const field of ["principal", "resource"] as const) {
    if (raw[field] !== undefined && typeof raw[field] !== "string")
      throw new Error(`$.${field}: must be a string`);
  }
  if (raw.context !== undefined && !isRecord(raw.context))
    throw new Error("$.context: must be an object");
  const policies: DecodedState["policies"] = emptyPolicies();
  const given = raw.policies ?? {};
  // The request format's one reader of `policies` (keys, lists, SCP/RCP levels), as evaluate() and
  // the CLI read it.
  const shape = readPolicySetShape(given);
  if ("problem" in shape) throw new Error(`${shape.problem.path}: ${shape.problem.message}`);
  for (const layer of shape.layers) {
    policies[layer.key] = layer.levels.flatMap((entries, level) =>
      entries.map((entry, i) => ({
        ...readEntry(entry, entryPath(layer, level, i)),
        ...(level > 0 ? { level } : {}),
      })),
    );
  }

  const context = Object.entries((raw.context ?? {}) as Record<string, unknown>).map(
    ([key, value]) => ({
      key,
      value: formatContextValue(value),
    }),
  );
  return {
    policies,
    resourcePoliciesKnown: isRecord(given) && given.resource !== undefined,
    request: {
      principal: typeof raw.principal === "string" ? raw.principal : "",
      action: raw.action,
      resource: typeof raw.resource === "string" ? raw.resource : "",
      context,
    },
  };
}

function readEntry(entry: unknown, where: string): SharedDraft {
  if (isPolicyReference(entry)) return { bundled: entry.trim() };
  if (typeof entry === "string") return { text: entry };
  if (isRecord(entry) && typeof entry.name === "string" && entry.document !== undefined) {
    const document = entry.document;
    return {
      name: entry.name,
      text: typeof document === "string" ? document : `${JSON.stringify(document, null, 2)}\n`,
    };
  }
  if (isRecord(entry)) return { text: `${JSON.stringify(entry, null, 2)}\n` };
  throw new Error(`${where}: a policy is a document, JSON text or a bundled policy name`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
