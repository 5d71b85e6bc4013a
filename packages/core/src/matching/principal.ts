// Request principals and Principal/NotPrincipal matching (docs/evaluation-rules.md §4, §7.4, §10).
import type { PrincipalBlock, PrincipalEntry } from "../types.js";

export type RequestPrincipal =
  | { kind: "user"; arn: string; partition: string; account: string; name: string }
  | { kind: "root"; arn: string; partition: string; account: string }
  | {
      kind: "assumed-role";
      arn: string;
      partition: string;
      account: string;
      roleName: string;
      sessionName: string;
      /** `arn:P:iam::A:role/Name` (the session ARN does not carry the role's path). */
      roleArn: string;
    }
  | {
      kind: "role";
      arn: string;
      partition: string;
      account: string;
      roleName: string;
      /**
       * The role's IAM path, `/` when it has none (`/aws-service-role/autoscaling.amazonaws.com/` for a
       * service-linked role). Optional only for RequestPrincipal values built by hand.
       */
      path?: string;
    }
  | { kind: "federated-user"; arn: string; partition: string; account: string; name: string }
  | { kind: "service"; name: string }
  | { kind: "anonymous" };

export type IamPrincipal = Exclude<RequestPrincipal, { kind: "service" } | { kind: "anonymous" }>;

const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** Exactly 12 ASCII digits (as /^\d{12}$/; a loop because it runs once per decision). */
export function isAccountId(value: string): boolean {
  return isAccountIdAt(value, 0, value.length);
}

/** `isAccountId(text.slice(start, end))` without slicing. */
export function isAccountIdAt(text: string, start: number, end: number): boolean {
  if (end - start !== 12) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Parses the request's `principal`: an IAM or STS ARN, a 12-digit account (its root user), a service
 * principal, or `anonymous`. Returns an error message for anything else.
 */
export function parseRequestPrincipal(value: string): RequestPrincipal | { error: string } {
  if (value === "anonymous" || value === "*") return { kind: "anonymous" };
  if (isAccountId(value))
    return { kind: "root", arn: `arn:aws:iam::${value}:root`, partition: "aws", account: value };
  if (!value.startsWith("arn:")) {
    if (SERVICE_PRINCIPAL.test(value)) return { kind: "service", name: value };
    return {
      error: `Unrecognised principal "${value}": expected an IAM or STS ARN, a 12-digit account id, a service principal (name.amazonaws.com) or "anonymous"`,
    };
  }
  const parts = value.split(":");
  const [, partition = "", service = "", , account = ""] = parts;
  const resource = parts.slice(5).join(":");
  const bad = {
    error: `Unrecognised principal ARN "${value}": expected arn:aws:iam::ACCOUNT:user/NAME, :role/NAME, :root, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION or :federated-user/NAME`,
  };
  if (parts.length < 6 || !isAccountId(account) || partition === "") return bad;
  if (service === "iam") {
    if (resource === "root") return { kind: "root", arn: value, partition, account };
    if (resource.startsWith("user/") && resource.length > 5) {
      return {
        kind: "user",
        arn: value,
        partition,
        account,
        name: resource.slice(resource.lastIndexOf("/") + 1),
      };
    }
    if (resource.startsWith("role/") && resource.length > 5) {
      const lastSlash = resource.lastIndexOf("/");
      return {
        kind: "role",
        arn: value,
        partition,
        account,
        roleName: resource.slice(lastSlash + 1),
        // "role/a/b/Name" has the path "/a/b/"; "role/Name" has "/".
        path: resource.slice(4, lastSlash + 1),
      };
    }
    return bad;
  }
  if (service === "sts") {
    const pieces = resource.split("/");
    if (
      pieces[0] === "assumed-role" &&
      pieces.length === 3 &&
      pieces[1] !== "" &&
      pieces[2] !== ""
    ) {
      const roleName = pieces[1]!;
      return {
        kind: "assumed-role",
        arn: value,
        partition,
        account,
        roleName,
        sessionName: pieces[2]!,
        roleArn: `arn:${partition}:iam::${account}:role/${roleName}`,
      };
    }
    if (pieces[0] === "federated-user" && pieces.length === 2 && pieces[1] !== "") {
      return { kind: "federated-user", arn: value, partition, account, name: pieces[1]! };
    }
  }
  return bad;
}

/**
 * How a Principal entry named the caller; docs/evaluation-rules.md §7.2 step 4 decides differently for each:
 * `user`, `role-session`, `federated-user` (the exact ARN), `role` (any session of the role),
 * `account` (delegation to the account), `wildcard` (`*`), `service`, `federated`, `canonical`.
 */
export type PrincipalMatchKind =
  | "wildcard"
  | "account"
  | "user"
  | "role"
  | "role-session"
  | "federated-user"
  | "root"
  | "service"
  | "federated"
  | "canonical";

function accountOfPrincipalValue(value: string): string | undefined {
  if (isAccountId(value)) return value;
  const parts = value.split(":");
  if (
    parts.length === 6 &&
    parts[0] === "arn" &&
    parts[2] === "iam" &&
    parts[5] === "root" &&
    isAccountId(parts[4]!)
  )
    return parts[4];
  return undefined;
}

/** How one Principal entry matches the request principal, or undefined when it does not. */
export function matchPrincipalEntry(
  entry: PrincipalEntry,
  principal: RequestPrincipal,
): PrincipalMatchKind | undefined {
  const value = entry.value;
  switch (entry.kind) {
    case "AWS": {
      if (value === "*") return "wildcard"; // {"AWS": "*"} is the same as "*" (docs/evaluation-rules.md §4.1)
      if (principal.kind === "service" || principal.kind === "anonymous") return undefined;
      const account = accountOfPrincipalValue(value);
      if (account !== undefined)
        return principal.account === account
          ? principal.kind === "root"
            ? "root"
            : "account"
          : undefined;
      if (principal.arn === value) {
        return principal.kind === "user"
          ? "user"
          : principal.kind === "assumed-role"
            ? "role-session"
            : principal.kind === "federated-user"
              ? "federated-user"
              : principal.kind === "role"
                ? "role"
                : "root";
      }
      // A role ARN (with any path) matches every session of that role (docs/evaluation-rules.md §4.1).
      if (principal.kind === "assumed-role" || principal.kind === "role") {
        const parts = value.split(":");
        if (
          parts.length === 6 &&
          parts[2] === "iam" &&
          parts[4] === principal.account &&
          parts[5]!.startsWith("role/")
        ) {
          const name = parts[5]!.slice(parts[5]!.lastIndexOf("/") + 1);
          if (name === principal.roleName && parts[1] === principal.partition) return "role";
        }
      }
      return undefined;
    }
    case "Service":
      return principal.kind === "service" && principal.name === value ? "service" : undefined;
    case "Federated":
    case "CanonicalUser":
      // Web-identity/SAML sessions and S3 canonical users are outside the request format: no match.
      return undefined;
  }
}

/** The strongest way a Principal block names the caller, or undefined. `"*"` matches everyone, anonymous included. */
export function matchPrincipalBlock(
  block: PrincipalBlock,
  principal: RequestPrincipal,
): PrincipalMatchKind | undefined {
  if (block.wildcard) return "wildcard";
  let best: PrincipalMatchKind | undefined;
  for (const entry of block.entries) {
    const kind = matchPrincipalEntry(entry, principal);
    if (kind === undefined) continue;
    if (best === undefined || PRINCIPAL_MATCH_STRENGTH[kind] > PRINCIPAL_MATCH_STRENGTH[best])
      best = kind;
  }
  return best;
}

/** Exact names beat role and account grants, which beat `*` (they limit the caller less: docs/evaluation-rules.md §7.2 step 4). */
const PRINCIPAL_MATCH_STRENGTH: Readonly<Record<PrincipalMatchKind, number>> = {
  wildcard: 0,
  account: 1,
  role: 2,
  root: 3,
  "federated-user": 3,
  "role-session": 3,
  user: 3,
  service: 3,
  federated: 3,
  canonical: 3,
};

/**
 * NotPrincipal (docs/evaluation-rules.md §4.2, DERIVED model): the caller is "listed" when its own ARN is listed, or, for a role
 * session, its role's ARN; an account entry lists its root user only (AWS evaluates the account first,
 * so listing just the account does not exempt its users).
 */
export function isListedInNotPrincipal(
  block: PrincipalBlock,
  principal: RequestPrincipal,
): boolean {
  if (block.wildcard) return true;
  for (const entry of block.entries) {
    const kind = matchPrincipalEntry(entry, principal);
    if (kind !== undefined && kind !== "account") return true;
  }
  return false;
}
