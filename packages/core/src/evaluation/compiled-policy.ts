// A policy compiled for evaluation: matchers built once, statements indexed by service prefix.
import type { Condition, Policy, PolicyType, Statement } from "../types.js";
import type { PolicyRef } from "./load-policies.js";
import { BASE_OPERATORS } from "../policy/operators.js";
import type { ActionPattern } from "../matching/action.js";
import { actionPatternService, compileActionPattern } from "../matching/action.js";
import type { ResourcePattern } from "../matching/arn.js";
import { compileResourcePattern } from "../matching/arn.js";
import type { CompiledCondition } from "../conditions/compile-condition.js";
import { compileCondition } from "../conditions/compile-condition.js";

export interface CompiledStatement {
  readonly statement: Statement;
  /** The policy the statement belongs to (ensurePositions adds its deferred positions). */
  readonly policy: Policy;
  /** Exactly one of `actions` / `notActions` is set. */
  readonly actions?: ActionPattern[];
  readonly notActions?: ActionPattern[];
  /** Neither set: no Resource element (trust policies): the statement applies to its own resource. */
  readonly resources?: ResourcePattern[] | undefined;
  readonly notResources?: ResourcePattern[] | undefined;
  readonly conditions: CompiledCondition[];
  /** Names its principals by a positive condition on aws:PrincipalArn (docs/evaluation-rules.md §7.2 step 4e). */
  conditionsOnPrincipalArn: boolean;
  /** Why the statement can never be evaluated (an empty NotAction or NotResource), if so. */
  unevaluable: string | undefined;
  /** A long action block split by service, made on first use (see actionPatternsFor). */
  patternsByService: PatternsByService | undefined;
}

/** An action block by service: each service's patterns with the wildcard-prefix ones, and those alone. */
interface PatternsByService {
  byService: Map<string, ActionPattern[]>;
  any: ActionPattern[];
}

/** Action blocks longer than this are split by service (AWS managed policies list thousands). */
const SPLIT_BLOCK = 16;

function splitByService(patterns: readonly ActionPattern[]): PatternsByService {
  const any = patterns.filter((p) => p.service === undefined);
  const byService = new Map<string, ActionPattern[]>();
  // Each service's list keeps the block's order, the wildcard-prefix patterns in their places.
  for (const p of patterns)
    if (p.service !== undefined && !byService.has(p.service))
      byService.set(
        p.service,
        patterns.filter((q) => q.service === undefined || q.service === p.service),
      );
  return { byService, any };
}

/**
 * The statement's Action (or NotAction) patterns that can match an action of `service` (lower-case
 * prefix): those naming the service and those with a wildcard in the prefix. A pattern naming
 * another service matches none of its actions (docs/evaluation-rules.md §2), so testing these alone
 * gives the same answer. Short blocks are returned whole.
 */
export function actionPatternsFor(
  cs: CompiledStatement,
  service: string,
): readonly ActionPattern[] {
  const all = cs.actions ?? cs.notActions!;
  if (all.length <= SPLIT_BLOCK) return all;
  const split = (cs.patternsByService ??= splitByService(all));
  return split.byService.get(service) ?? split.any;
}

/**
 * `"NotAction": []` or `"NotResource": []` excludes nothing, so read literally it matches every
 * action or resource; AWS documents empty Action/Resource/Principal arrays ("does not affect the
 * policy", docs/evaluation-rules.md §1.8) but not empty NotX arrays. Fail-safe: such a statement cannot be evaluated, so an
 * Allow does not count and a Deny applies.
 */
function unevaluableReason(statement: Statement): string | undefined {
  if (statement.notAction !== undefined && statement.notAction.patterns.length === 0)
    return "an empty NotAction is undocumented (it excludes nothing)";
  if (statement.notResource !== undefined && statement.notResource.patterns.length === 0)
    return "an empty NotResource is undocumented (it excludes nothing)";
  return undefined;
}

export interface CompiledPolicy {
  policy: Policy;
  policyType: PolicyType;
  statements: CompiledStatement[];
  /** Lower-case service prefix -> the statements naming that service, in document order (see forEachCandidate). */
  byService: Map<string, CompiledStatement[]>;
  /** Statements that can match actions of any service (NotAction, wildcards in the prefix). */
  anyService: CompiledStatement[];
  /** Lower-case action -> the statements whose action block matches it, in document order (a bounded cache of the costly ones). */
  byAction: Map<string, CompiledStatement[]>;
  /** The lists of recent actions by ActionKey slot (see statementsForAction), made on first use. */
  recent: { keys: (ActionKey | undefined)[]; lists: CompiledStatement[][] } | undefined;
  /** The references to this policy by place in a policy list, made on first use (load-policies.ts). */
  refs: PolicyRef[] | undefined;
}

/**
 * A `"Principal": "*"` grant with an aws:PrincipalArn condition is not limited by the caller's
 * boundary or session policy (docs/evaluation-rules.md §7.2 step 4e). The page's example names the principal with a
 * positive operator; whether a negated one (ArnNotEquals: everyone but …) or IfExists counts is
 * undocumented, so only positive operators without IfExists do (fail-safe: otherwise the grant
 * stays limited, as for a grant to the role, step 4d).
 */
const PRINCIPAL_ARN_KEY = "aws:principalarn";

function namesPrincipalArn(condition: Condition): boolean {
  return (
    condition.key.length === PRINCIPAL_ARN_KEY.length &&
    condition.key.toLowerCase() === PRINCIPAL_ARN_KEY &&
    !BASE_OPERATORS[condition.baseOperator]!.negated &&
    !condition.ifExists &&
    condition.baseOperator !== "Null"
  );
}

/**
 * A compiled statement. Its patterns and conditions are compiled on first use, since most statements
 * of a policy are never reached by the actions a caller asks about (compiling them all was most of
 * the cost of loading a policy); only the service prefixes, which index the statement, are read at
 * once. Compiling never fails, so when it happens does not change any result.
 */
class LazyCompiledStatement implements CompiledStatement {
  readonly statement: Statement;
  readonly conditionsOnPrincipalArn: boolean;
  readonly unevaluable: string | undefined;
  patternsByService: PatternsByService | undefined = undefined;
  readonly policy: Policy;
  #actions: ActionPattern[] | undefined;
  #notActions: ActionPattern[] | undefined;
  #conditions: CompiledCondition[] | undefined;
  #resources: ResourcePattern[] | undefined;
  #notResources: ResourcePattern[] | undefined;

  constructor(statement: Statement, policy: Policy) {
    this.statement = statement;
    this.policy = policy;
    this.conditionsOnPrincipalArn = statement.conditions.some(namesPrincipalArn);
    this.unevaluable = unevaluableReason(statement);
  }

  get actions(): ActionPattern[] | undefined {
    const list = this.statement.action;
    if (list === undefined) return undefined;
    return (this.#actions ??= list.patterns.map(compileActionPattern));
  }

  get notActions(): ActionPattern[] | undefined {
    const list = this.statement.notAction;
    if (list === undefined) return undefined;
    return (this.#notActions ??= list.patterns.map(compileActionPattern));
  }

  // The getters run on every match: the compiling is in functions of their own, since a closure
  // over a local would make each call allocate its context, compiled or not.
  get conditions(): CompiledCondition[] {
    return (this.#conditions ??= compileConditions(this.statement, this.policy));
  }

  get resources(): ResourcePattern[] | undefined {
    const list = this.statement.resource;
    if (list === undefined) return undefined;
    return (this.#resources ??= compileResources(list.patterns, this.policy));
  }

  get notResources(): ResourcePattern[] | undefined {
    const list = this.statement.notResource;
    if (list === undefined) return undefined;
    return (this.#notResources ??= compileResources(list.patterns, this.policy));
  }
}

function compileConditions(statement: Statement, policy: Policy): CompiledCondition[] {
  const version = policy.version;
  return statement.conditions.map((c) => compileCondition(c, version));
}

function compileResources(patterns: readonly string[], policy: Policy): ResourcePattern[] {
  const variables = policy.version === "2012-10-17";
  return patterns.map((p) => compileResourcePattern(p, variables));
}

/** The services of the statement being indexed (one list for all: compiling runs to the end at once). */
const serviceScratch: string[] = [];

/**
 * Lists `statement` under each service its Action names (once per service: statements come in
 * document order), or under any service when it can match actions of every service (NotAction, a
 * wildcard in the prefix).
 */
function indexStatement(
  statement: CompiledStatement,
  byService: Map<string, CompiledStatement[]>,
  anyService: CompiledStatement[],
): void {
  const list = statement.statement.action;
  if (list === undefined) {
    anyService.push(statement);
    return;
  }
  // The services are read first: a wildcard prefix anywhere puts the statement under any service.
  const services = serviceScratch;
  services.length = 0;
  for (const pattern of list.patterns) {
    const service = actionPatternService(pattern);
    if (service === undefined) {
      anyService.push(statement);
      return;
    }
    services.push(service);
  }
  for (const service of services) {
    const listed = byService.get(service);
    if (listed === undefined) byService.set(service, [statement]);
    else if (listed[listed.length - 1] !== statement) listed.push(statement);
  }
}

export function compilePolicy(policy: Policy, policyType: PolicyType): CompiledPolicy {
  const statements: CompiledStatement[] = [];
  const byService = new Map<string, CompiledStatement[]>();
  const anyService: CompiledStatement[] = [];
  // One pass: each statement goes to the lists of its services (linear in the policy).
  for (const parsed of policy.statements) {
    const statement = new LazyCompiledStatement(parsed, policy);
    statements.push(statement);
    indexStatement(statement, byService, anyService);
  }
  return {
    policy,
    policyType,
    statements,
    byService,
    anyService,
    byAction: new Map(),
    recent: undefined,
    refs: undefined,
  };
}

/**
 * Calls `visit` for every statement that may match an action of `service` (lower-case prefix), in
 * document order: the service's own statements merged with the any-service ones.
 */
export function forEachCandidate(
  policy: CompiledPolicy,
  service: string,
  visit: (statement: CompiledStatement) => void,
): void {
  const own = policy.byService.get(service);
  const any = policy.anyService;
  if (own === undefined) {
    for (const s of any) visit(s);
    return;
  }
  if (any.length === 0) {
    for (const s of own) visit(s);
    return;
  }
  let i = 0;
  let j = 0;
  while (i < own.length || j < any.length) {
    const a = own[i];
    const b = any[j];
    if (b === undefined || (a !== undefined && a.statement.index < b.statement.index)) {
      visit(a!);
      i++;
    } else {
      visit(b);
      j++;
    }
  }
}

const ACTION_CACHE_LIMIT = 4096;

/** A request action, shared by the requests that name it (prepare-request.ts caches these). */
export interface ActionKey {
  /** The action in lower case (actions match case-insensitively, docs/evaluation-rules.md §2). */
  lower: string;
  /** Lower-case service prefix. */
  service: string;
  /** Sequential: the slot of this action in each compiled policy's `recent` cache. */
  id: number;
}

let nextActionKeyId = 0;

export function createActionKey(action: string): ActionKey {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(":");
  return {
    lower,
    service: colon === -1 ? lower : lower.slice(0, colon),
    id: nextActionKeyId++ & 0x3fffffff,
  };
}

/** Slots of the direct-mapped cache: requests usually cycle through a few dozen actions. */
const RECENT_SLOTS = 64;

/**
 * Patterns a new action must be tested against before its statements are worth keeping by action
 * text: below this, testing them again costs about what the lookup does, and a scan of every action
 * (`can`, the access matrix) would otherwise leave thousands of entries in every policy it meets.
 */
const CACHE_WORTH_PATTERNS = 32;

/**
 * The statements whose action block matches the action, in document order. Depends only on the
 * action, so it is kept on the compiled policy: in a small direct-mapped cache by ActionKey
 * identity, which spares hashing the action once per layer and request, and, when finding it tested
 * many patterns, by action text. The policy holds the keys, never the other way round, so caches
 * die with the policy.
 */
export function statementsForAction(
  policy: CompiledPolicy,
  key: ActionKey,
  matches: (statement: CompiledStatement, actionLower: string, service: string) => boolean,
): CompiledStatement[] {
  const slot = key.id & (RECENT_SLOTS - 1);
  const recent = policy.recent;
  if (recent !== undefined && recent.keys[slot] === key) return recent.lists[slot]!;
  // A policy that names neither the service nor any action by a wildcard prefix or NotAction
  // matches none of its actions.
  if (policy.anyService.length === 0 && !policy.byService.has(key.service)) return NO_STATEMENTS;
  const actionLower = key.lower;
  let list = policy.byAction.get(actionLower);
  if (list === undefined) {
    const found: CompiledStatement[] = [];
    let tested = 0;
    forEachCandidate(policy, key.service, (s) => {
      tested += actionPatternsFor(s, key.service).length;
      if (matches(s, actionLower, key.service)) found.push(s);
    });
    list = found.length > 0 ? found : NO_STATEMENTS;
    if (tested >= CACHE_WORTH_PATTERNS) {
      if (policy.byAction.size >= ACTION_CACHE_LIMIT) policy.byAction.clear();
      policy.byAction.set(actionLower, list);
    }
  }
  const cache = (policy.recent ??= {
    keys: new Array<ActionKey | undefined>(RECENT_SLOTS).fill(undefined),
    lists: new Array<CompiledStatement[]>(RECENT_SLOTS).fill(NO_STATEMENTS),
  });
  cache.keys[slot] = key;
  cache.lists[slot] = list;
  return list;
}

const NO_STATEMENTS: CompiledStatement[] = [];
