// Core's presentation lines as elements: one element per span, classed by its role (`role-sid`,
// `role-key`, `role-muted`…), so the page shows core's words and only chooses how they look.
import type { PresentationLine, Span } from "@iamspec/core";
import { h } from "./dom.js";

/** Elements whose text is code: identifiers and values from the policy or the request. */
const CODE_ROLES = new Set<Span["role"]>(["operator", "key", "value", "code", "sid"]);

export function spanElement(span: Span): Node {
  let node: Node;
  if (span.role === "link") {
    node = h(
      "a",
      { class: "role-link", href: span.href, target: "_blank", rel: "noopener" },
      span.text,
    );
  } else if (span.role === "pass" || span.role === "fail") {
    // The mark is a picture; its label says the same to a screen reader.
    const ok = span.role === "pass";
    node = h(
      "span",
      { class: `mark ${ok ? "ok" : "no"}`, role: "img", "aria-label": ok ? "yes" : "no" },
      span.text,
    );
  } else if (span.role === "text") {
    node = document.createTextNode(span.text);
  } else {
    const tag = CODE_ROLES.has(span.role) ? "code" : "span";
    node = h(tag, { class: `role-${span.role}` }, span.text);
  }
  return span.strong === true ? h("strong", {}, node) : node;
}

/** A line's spans as nodes, to put inside a paragraph, a list item or a summary. */
export function lineContent(line: PresentationLine): Node[] {
  return line.spans.map(spanElement);
}
