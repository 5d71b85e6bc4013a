// Searching the bundled policy catalog by name (and description) for the policy picker.

export interface CatalogItem {
  name: string;
  description?: string;
}

/**
 * Ranks catalog entries for a query: exact name, then name prefix, then name substring, then
 * every word of the query found in name or description. Case-insensitive; stable within a rank
 * (alphabetical, since the catalog is). An empty query lists the first `limit` entries.
 */
export function searchCatalog<T extends CatalogItem>(
  catalog: readonly T[],
  query: string,
  limit = 50,
): T[] {
  const q = query.trim().toLowerCase();
  if (q === "") return catalog.slice(0, limit);
  const words = q.split(/\s+/);
  const ranked: { item: T; rank: number; index: number }[] = [];
  catalog.forEach((item, index) => {
    const name = item.name.toLowerCase();
    let rank: number;
    if (name === q) rank = 0;
    else if (name.startsWith(q)) rank = 1;
    else if (name.includes(q)) rank = 2;
    else {
      const haystack = `${name} ${(item.description ?? "").toLowerCase()}`;
      if (!words.every((word) => haystack.includes(word))) return;
      rank = 3;
    }
    ranked.push({ item, rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.slice(0, limit).map((r) => r.item);
}
