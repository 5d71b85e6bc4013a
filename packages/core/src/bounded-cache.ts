// Caches of values derived from strings that repeat from call to call (actions, context keys,
// patterns). Bounded because the strings come from requests and policies: when a cache is full it
// starts over, which keeps memory flat under hostile input at the cost of recomputing.

/** `cache`'s value for `key`, made by `make` on a miss; the cache is emptied once it holds `limit` entries. */
export function remember<K, V>(cache: Map<K, V>, key: K, limit: number, make: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
  }
  return value;
}
