// A tiny element builder: the app is plain DOM, so this is the one place that creates HTML elements.

/** A child of {@link h}: nodes, text, or nothing (null, undefined and false are skipped). */
export type Child = Node | string | number | null | undefined | false;

/** Attributes of {@link h}: `on<Event>` functions become listeners; false/null/undefined are left out. */
export type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/**
 * Creates an element with attributes and children.
 *
 * @example
 * h("a", { href: "#/", class: "link" }, "Runs")
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === "value" && "value" in element) (element as HTMLInputElement).value = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, ...children);
  return element;
}

/**
 * Appends children (flattening arrays, skipping empty values) to a node.
 *
 * @example
 * append(document.body, h("p", null, "hi"), null, ["a", "b"]);
 */
export function append(parent: Node, ...children: Array<Child | Child[]>): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replaces every child of a node.
 *
 * @example
 * replace(container, h("p", null, "Loading…"));
 */
export function replace(parent: Element, ...children: Array<Child | Child[]>): void {
  parent.replaceChildren();
  append(parent, ...children);
}
