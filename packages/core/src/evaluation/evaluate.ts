// evaluate() and compile(): both run the same code (decide.ts) on compiled policies, so
// compile(p).evaluate(r) gives exactly evaluate({ ...r, policies: p }).
import type {
  Engine,
  EngineRequest,
  EvaluateOptions,
  EvaluationOutcome,
  EvaluationRequest,
  PolicySet,
} from "../types.js";
import { decide } from "./decide.js";
import type { LoadedPolicySet, LoadError } from "./load-policies.js";
import { loadPolicySet } from "./load-policies.js";
import { prepareRequest, releasePreparedRequest } from "./prepare-request.js";

function withId(id: EvaluationRequest["id"], outcome: EvaluationOutcome): EvaluationOutcome {
  return id === undefined ? outcome : { id, ...outcome };
}

function run(
  request: EngineRequest,
  set: LoadedPolicySet | LoadError,
  options: EvaluateOptions | undefined,
): EvaluationOutcome {
  const id = typeof request === "object" && request !== null ? request.id : undefined;
  if ("error" in set) return withId(id, { error: set.error });
  const prep = prepareRequest(request);
  if ("error" in prep) return withId(id, { error: prep.error });
  const out = decide(set, prep, options?.explain === true, id);
  releasePreparedRequest(prep);
  return out;
}

/**
 * Decides one request as AWS would. Never throws for bad input: a policy or request that cannot be
 * evaluated gives `{ error }`. Policies are compiled once and reused: text by content (a bounded
 * LRU), objects and parsed Policy values by identity (do not change a policy object after use).
 */
export function evaluate<Action extends string = string, Key extends string = string>(
  given: EvaluationRequest<Action, Key>,
  options?: EvaluateOptions,
): EvaluationOutcome {
  // Requests that carry their policies are usually made by spreading (`{ ...request, policies }`),
  // and in V8 each object made that way gets a hidden class of its own: every field read of it is
  // then a slow lookup. A copy by Object.assign (which reads the fields in one pass, getters once)
  // has a shared class, and costs less than those lookups. Only plain objects are copied, and not
  // one with an own "__proto__" key (JSON.parse makes them): the copy would take it as its prototype.
  const request =
    typeof given === "object" &&
    given !== null &&
    Object.getPrototypeOf(given) === Object.prototype &&
    !Object.hasOwn(given, "__proto__")
      ? (Object.assign({}, given) as EvaluationRequest<Action, Key>)
      : given;
  const policies = typeof request === "object" && request !== null ? request.policies : undefined;
  return run(request, loadPolicySet(policies), options);
}

/**
 * Parses and compiles a policy set once. `engine.evaluate(request)` equals
 * `evaluate({ ...request, policies })`; layers given in `request.policies` replace the compiled ones.
 */
export function compile<Action extends string = string, Key extends string = string>(
  policies: PolicySet,
): Engine<Action, Key> {
  const loaded = loadPolicySet(policies, true);
  return {
    evaluate(request, options) {
      const extra = typeof request === "object" && request !== null ? request.policies : undefined;
      // A request that repeats the compiled set runs on it (its entries are checked for changes).
      if (extra === undefined || (extra === policies && loadPolicySet(extra) === loaded))
        return run(request, loaded, options);
      return run(request, loadPolicySet({ ...policies, ...extra }), options);
    },
  };
}
