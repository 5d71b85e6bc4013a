// The top of the page: the title, the error banner below it, and the page-wide actions (copy a
// share link, reset to the sample).
import { h } from "./dom.js";

export interface Banner {
  root: HTMLElement;
  show(message: string): void;
  hide(): void;
}

/** A dismissable message for what went wrong outside the panels (a bad link, an import). */
export function createBanner(): Banner {
  const text = h("span", {});
  const root = h(
    "div",
    { class: "banner", role: "alert" },
    text,
    h(
      "button",
      { type: "button", class: "secondary small", onclick: () => (root.hidden = true) },
      "Dismiss",
    ),
  );
  root.hidden = true;
  return {
    root,
    show(message) {
      text.textContent = message;
      root.hidden = false;
    },
    hide() {
      root.hidden = true;
    },
  };
}

export function createPageHeader(actions: {
  /** The address that holds the whole state, up to date. */
  shareUrl: () => string;
  resetToSample: () => void;
}): HTMLElement {
  const shareStatus = h("span", { class: "share-status", role: "status" });
  async function copyShareLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(actions.shareUrl());
      shareStatus.textContent = "Link copied.";
    } catch {
      shareStatus.textContent = "Copy the address bar: it holds the whole state.";
    }
  }
  return h(
    "header",
    { class: "top" },
    h(
      "div",
      { class: "brand" },
      h("h1", {}, "iamspec playground"),
      h(
        "p",
        { class: "tagline" },
        "Would this AWS request be allowed, and why? Evaluated in your browser with @iamspec/core.",
      ),
    ),
    h(
      "div",
      { class: "top-actions" },
      h(
        "button",
        { type: "button", class: "secondary", onclick: () => void copyShareLink() },
        "Copy share link",
      ),
      shareStatus,
      h(
        "button",
        { type: "button", class: "secondary", onclick: actions.resetToSample },
        "Reset to sample",
      ),
    ),
  );
}
