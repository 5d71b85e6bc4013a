// The whole account's access matrix: for every user and role and the root user (by ARN), every
// action it may perform (`can`), one row each, in a deterministic order. Shards split the
// principals into contiguous runs of the ARN order, so that shards run on many machines and their
// outputs, concatenated in shard order, are the unsharded output (docs/account-can.md).
import { CanQueryError } from "./actions-to-ask.js";
import type { CanEntry, CanQuery } from "./can.js";
import { canEntries, ownPrincipals, planOf, principalOf } from "./can.js";
import type { Account, AccountPrincipal } from "./load-account.js";

/** Shard `index` of `count` (1-based: 1/4 … 4/4). */
export interface Shard {
  index: number;
  count: number;
}

export interface AccessMatrixQuery extends CanQuery {
  shard?: Shard;
  /** Only these principals (ARNs; a CanQueryError for one not in the account), still in ARN order. */
  principals?: readonly string[];
}

/**
 * One (principal, action) the principal may perform, or may under an uncertain reading: a `can`
 * entry with its principal, without its notes.
 */
export type AccessMatrixRow = {
  principal: string;
  kind: AccountPrincipal["kind"];
} & Omit<CanEntry, "notes">;

const sortedCache = new WeakMap<Account, AccountPrincipal[]>();

/** The account's users, roles and root user by ARN (UTF-16 code unit order, the same everywhere). */
function byArn(account: Account): AccountPrincipal[] {
  let sorted = sortedCache.get(account);
  if (sorted === undefined) {
    sorted = [...ownPrincipals(account)].sort((a, b) =>
      a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0,
    );
    sortedCache.set(account, sorted);
  }
  return sorted;
}

const isShard = (index: number, count: number) =>
  Number.isSafeInteger(index) && Number.isSafeInteger(count) && index >= 1 && index <= count;

/** Parses `i/n` (1 ≤ i ≤ n); a CanQueryError otherwise. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const shard = { index: Number(match?.[1]), count: Number(match?.[2]) };
  if (!isShard(shard.index, shard.count))
    throw new CanQueryError(`a shard is i/n with 1 <= i <= n, e.g. 3/8 (got "${text}")`);
  return shard;
}

/**
 * The principals of a shard, by ARN: shard i of n takes the ARN-ordered principals from
 * floor((i-1)·N/n) to floor(i·N/n), so every principal is in exactly one shard and shard sizes
 * differ by at most one. Without a shard, all of them.
 */
export function shardPrincipals(account: Account, shard?: Shard): AccountPrincipal[] {
  const sorted = byArn(account);
  if (shard === undefined) return [...sorted];
  const { index, count } = shard;
  if (!isShard(index, count))
    throw new CanQueryError(`a shard is i/n with 1 <= i <= n (got ${index}/${count})`);
  const n = sorted.length;
  return sorted.slice(Math.floor(((index - 1) * n) / count), Math.floor((index * n) / count));
}

function rowOf(principal: AccountPrincipal, entry: CanEntry): AccessMatrixRow {
  const { notes: _notes, ...rest } = entry;
  return { principal: principal.arn, kind: principal.kind, ...rest };
}

/**
 * The account's access matrix: for each principal of the shard (by ARN), the rows of its allowed
 * and uncertain actions (as `can` orders them: service, access level, action). Lazily: a consumer
 * can stream the rows. Notes are left out (the same few on every row).
 */
export function* accessMatrix(
  account: Account,
  query: AccessMatrixQuery,
): Generator<AccessMatrixRow, void, undefined> {
  const plan = planOf(query);
  const only =
    query.principals !== undefined
      ? new Set(query.principals.map((arn) => principalOf(account, arn).arn))
      : undefined;
  for (const principal of shardPrincipals(account, query.shard)) {
    if (only !== undefined && !only.has(principal.arn)) continue;
    for (const entry of canEntries(account, principal, plan, query)) yield rowOf(principal, entry);
  }
}
