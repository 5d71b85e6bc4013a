// The JSON paths the fast path (read-valid-policy.ts) gives its locations. A statement's paths are
// the same strings in every policy read ($.Statement[3].Resource[2]), so they are made once and
// shared (strings never change) instead of being concatenated again for every policy parsed; the
// locations of one policy's statements then cost no strings at all. Bounded: statements and items
// past the first ones get their paths made each time, as before.
import { indexSuffix } from "./value-walk.js";

const CACHED_STATEMENTS = 128;
const CACHED_ITEMS = 32;

/** The path of a list (Action, Resource…) and of its items, each made on first use. */
export class ListPaths {
  readonly path: string;
  private readonly items: string[] = [];

  constructor(path: string) {
    this.path = path;
  }

  item(i: number): string {
    if (i >= CACHED_ITEMS) return this.path + indexSuffix(i);
    return (this.items[i] ??= this.path + indexSuffix(i));
  }
}

/** The paths of one statement and of its elements. */
export class StatementPaths {
  readonly path: string;
  readonly action: ListPaths;
  readonly notAction: ListPaths;
  readonly resource: ListPaths;
  readonly notResource: ListPaths;
  readonly principal: string;
  readonly notPrincipal: string;
  readonly condition: string;

  constructor(path: string) {
    this.path = path;
    this.action = new ListPaths(`${path}.Action`);
    this.notAction = new ListPaths(`${path}.NotAction`);
    this.resource = new ListPaths(`${path}.Resource`);
    this.notResource = new ListPaths(`${path}.NotResource`);
    this.principal = `${path}.Principal`;
    this.notPrincipal = `${path}.NotPrincipal`;
    this.condition = `${path}.Condition`;
  }
}

const single = new StatementPaths("$.Statement");
const listed: StatementPaths[] = [];

/** The paths of the statement at `index` of the Statement list, or of the only one (undefined). */
export function statementPaths(index: number | undefined): StatementPaths {
  if (index === undefined) return single;
  if (index >= CACHED_STATEMENTS) return new StatementPaths("$.Statement" + indexSuffix(index));
  return (listed[index] ??= new StatementPaths("$.Statement" + indexSuffix(index)));
}
