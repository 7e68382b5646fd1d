// Small DOM helpers: every page builds its elements with these, so text always goes in as text, never as HTML.

type Attributes = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** A labelled input: the label is tied to the input by id, so screen readers and Playwright's getByLabel find it. */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement): HTMLElement {
  return h("div", { class: "field" }, h("label", { for: input.id }, label), input);
}

/** A live region for messages, announced to screen readers when it changes. */
export function messageArea(): HTMLParagraphElement {
  return h("p", { class: "message", role: "status", "aria-live": "polite" });
}

export function showMessage(area: HTMLElement, text: string, kind: "error" | "info" = "info"): void {
  area.textContent = text;
  area.dataset.kind = kind;
}
