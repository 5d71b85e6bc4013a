// The Compare view: two policies (or two versions of a bundled one) side by side, checked with
// `no-new-access`; the statements that grant new access are highlighted in the new policy's
// editor, the statements a finding names in the old one's. Loaded on first open (app.ts).
import { h, replaceChildren } from "./dom.js";
import { comparePolicies } from "./compare.js";
import { createPolicyEditor, type PolicyEditor } from "./editor.js";
import { loadBundledPolicy } from "./policy-source.js";
import { loadServiceData } from "./service-data.js";

const DEBOUNCE_MS = 300;
const DEFAULT_OLD = "EC2ImageBuilderExecutionPolicy@v1";
const DEFAULT_NEW = "EC2ImageBuilderExecutionPolicy@v2";

interface Side {
  label: string;
  input: HTMLInputElement;
  editor: PolicyEditor;
  root: HTMLElement;
  name: string;
}

export function createCompareView(): HTMLElement {
  const status = h("p", { class: "compare-status", role: "status" });
  const output = h("pre", { class: "compare-result", "data-testid": "compare-result" });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  };

  function side(label: string, reference: string): Side {
    const input = h("input", {
      type: "text",
      value: reference,
      "aria-label": `${label} policy: bundled name or Name@vN`,
      placeholder: "Bundled name or Name@vN",
    });
    const editorParent = h("div", { class: "compare-editor" });
    const editor = createPolicyEditor({
      parent: editorParent,
      text: "",
      label: `${label} policy`,
      onChange: () => {
        entry.name = label.toLowerCase();
        schedule();
      },
      // The playground's slots show diagnostics; here only the comparison matters.
      lint: () => [],
    });
    const load = h("button", { type: "button", class: "secondary" }, "Load");
    const entry: Side = {
      label,
      input,
      editor,
      name: reference,
      root: h(
        "div",
        { class: "compare-side" },
        h("h3", {}, label),
        h("div", { class: "compare-load" }, input, load),
        editorParent,
      ),
    };
    load.addEventListener("click", () => void loadInto(entry));
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") void loadInto(entry);
    });
    return entry;
  }

  const oldSide = side("Old", DEFAULT_OLD);
  const newSide = side("New", DEFAULT_NEW);

  async function loadInto(target: Side): Promise<void> {
    const reference = target.input.value.trim();
    status.textContent = `Loading ${reference}…`;
    const loaded = await loadBundledPolicy(reference);
    if (!loaded) {
      status.textContent = `${reference} is not a bundled policy (try Name or Name@vN).`;
      return;
    }
    target.editor.setText(loaded.text);
    // As the CLI labels a bundled policy: always with its version.
    target.name = loaded.reference.includes("@")
      ? loaded.reference
      : `${loaded.reference}@${loaded.defaultVersion}`;
    status.textContent = "";
    await run();
  }

  async function run(): Promise<void> {
    const serviceData = await loadServiceData();
    if (!serviceData) {
      status.textContent = "The IAM service data could not be loaded: no comparison.";
      return;
    }
    const comparison = comparePolicies(oldSide.editor.text(), newSide.editor.text(), serviceData, {
      old: oldSide.name,
      new: newSide.name,
    });
    if (!comparison.ok) {
      oldSide.editor.highlight([]);
      newSide.editor.highlight([]);
      replaceChildren(output, comparison.error);
      return;
    }
    newSide.editor.highlight(comparison.newRanges.map((r) => ({ ...r, kind: "deny" as const })));
    oldSide.editor.highlight(comparison.oldRanges.map((r) => ({ ...r, kind: "focus" as const })));
    if (comparison.newRanges[0]) newSide.editor.reveal(comparison.newRanges[0].from);
    output.dataset.result = comparison.result.result;
    replaceChildren(output, comparison.text);
  }

  void Promise.all([loadInto(oldSide), loadInto(newSide)]);

  return h(
    "section",
    { class: "compare", "aria-label": "Compare two policies" },
    h(
      "p",
      { class: "compare-help" },
      "Does the new policy allow any request the old one does not? The statements that grant new access are marked in the new policy; the statements a finding names, in the old one.",
    ),
    h("div", { class: "compare-sides" }, oldSide.root, newSide.root),
    status,
    output,
  );
}
