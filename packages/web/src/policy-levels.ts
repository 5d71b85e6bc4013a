// SCPs and RCPs apply per level of the organization (root first, then each OU, then the
// account) and every level must allow (docs/evaluation-rules.md, SCP/RCP evaluation). The page keeps one
// list per slot with a level on each policy; core takes a flat list (one level) or a list of
// levels. Empty levels are left out: a level without any policy would deny everything.

export const MAX_LEVEL = 5;

export interface LevelLayout {
  /** Draft indexes per level passed to core, root first; one entry when flat. */
  levels: number[][];
  /** All drafts on one level: passed as a flat list. */
  flat: boolean;
}

export function layoutLevels(levelsOfDrafts: readonly (number | undefined)[]): LevelLayout {
  const distinct = [...new Set(levelsOfDrafts.map((l) => l ?? 0))].sort((a, b) => a - b);
  if (distinct.length <= 1) return { levels: [levelsOfDrafts.map((_, i) => i)], flat: true };
  return {
    levels: distinct.map((level) =>
      levelsOfDrafts.flatMap((l, i) => ((l ?? 0) === level ? [i] : [])),
    ),
    flat: false,
  };
}

/** The draft a result refers to: `level` (as core reports it) and the index within that level. */
export function draftIndexOf(
  layout: LevelLayout,
  level: number | undefined,
  policyIndex: number,
): number | undefined {
  return layout.levels[layout.flat ? 0 : (level ?? 0)]?.[policyIndex];
}

/** Arranges entries as core expects them: flat, or a list of levels. */
export function arrangeLevels<T>(layout: LevelLayout, entries: readonly T[]): T[] | T[][] {
  if (layout.flat) return [...entries];
  return layout.levels.map((indexes) => indexes.map((i) => entries[i]!));
}

export function levelLabel(level: number): string {
  return level === 0 ? "Level 0 (root)" : `Level ${level}`;
}
