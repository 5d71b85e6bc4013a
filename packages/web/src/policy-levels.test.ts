import { describe, expect, it } from "vitest";
import { arrangeLevels, draftIndexOf, layoutLevels } from "./policy-levels.js";

describe("SCP and RCP levels", () => {
  it("stay a flat list (one level) when every policy is on the same level", () => {
    const layout = layoutLevels([undefined, 0, undefined]);
    expect(layout.flat).toBe(true);
    expect(arrangeLevels(layout, ["a", "b", "c"])).toEqual(["a", "b", "c"]);
    expect(draftIndexOf(layout, undefined, 2)).toBe(2);
  });

  it("become a list of levels, root first, without empty levels", () => {
    // Drafts: a@2, b@0, c@2, d@4 -> levels [b], [a, c], [d]
    const layout = layoutLevels([2, 0, 2, 4]);
    expect(layout.flat).toBe(false);
    expect(arrangeLevels(layout, ["a", "b", "c", "d"])).toEqual([["b"], ["a", "c"], ["d"]]);
  });

  it("map core's level and index in level back to the draft", () => {
    const layout = layoutLevels([2, 0, 2, 4]);
    expect(draftIndexOf(layout, 0, 0)).toBe(1);
    expect(draftIndexOf(layout, 1, 1)).toBe(2);
    expect(draftIndexOf(layout, 2, 0)).toBe(3);
    expect(draftIndexOf(layout, 3, 0)).toBeUndefined();
  });
});
