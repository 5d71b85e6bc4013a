// A tiny element builder: enough to keep the views declarative without a framework.

type Attrs = Record<string, string | number | boolean | undefined | EventListener>;
export type Child = Node | string | number | false | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.replace(/^on/, ""), value);
    else if (name === "class") element.className = String(value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let nextId = 0;
/** A document-unique id for label/aria wiring. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** Saves text as a file through the browser's download. */
export function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = h("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface PickedFile {
  name: string;
  text: string;
}

/** The text of each file (read in the page: nothing is uploaded). */
export function readFiles(files: Iterable<File>): Promise<PickedFile[]> {
  return Promise.all(
    [...files].map(async (file) => ({ name: file.name, text: await file.text() })),
  );
}

/**
 * A labelled file picker that looks and works like a button (Enter/Space open it); `onText`
 * gets the chosen file's text.
 */
export function filePicker(label: string, onText: (text: string) => void): HTMLElement[] {
  return filesPicker(label, (files) => onText(files[0]!.text));
}

/** As `filePicker`, for one file or several (`multiple`): `onFiles` gets each name and text. */
export function filesPicker(
  label: string,
  onFiles: (files: PickedFile[]) => void,
  options: { multiple?: boolean } = {},
): HTMLElement[] {
  const id = uniqueId("file");
  const input = h("input", {
    id,
    type: "file",
    accept: ".json,application/json",
    class: "visually-hidden",
    multiple: options.multiple,
  });
  input.addEventListener("change", async () => {
    const chosen = [...(input.files ?? [])];
    if (chosen.length === 0) return;
    const files = await readFiles(chosen);
    input.value = "";
    onFiles(files);
  });
  const button = h(
    "label",
    {
      for: id,
      class: "button secondary",
      tabindex: "0",
      role: "button",
      onkeydown: ((event: KeyboardEvent) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          input.click();
        }
      }) as EventListener,
    },
    label,
  );
  return [button, input];
}
