import { type Child, h } from "../dom.ts";

/** One column of {@link table}: numbers are right-aligned. */
export interface Column<R> {
  label: string;
  /** Right-align (numbers, rates). */
  num?: boolean;
  /** Header tooltip. */
  title?: string;
  cell: (row: R, index: number) => Child | Child[];
  /** Extra attributes of each cell (e.g. a `data-testid`). */
  attrs?: (row: R) => Record<string, string>;
}

/** Options of {@link table}. */
export interface TableOptions<R> {
  /** Attributes of each row (a `data-testid`, a class). */
  rowAttrs?: (row: R) => Record<string, string>;
  caption?: string;
  className?: string;
}

/**
 * A data table from columns and rows.
 *
 * @example
 * table([{ label: "n", num: true, cell: (r) => r.n }], rows)
 */
export function table<R>(
  columns: Array<Column<R>>,
  rows: readonly R[],
  options: TableOptions<R> = {},
): HTMLElement {
  const head = h(
    "tr",
    null,
    columns.map((c) => h("th", { class: c.num ? "num" : null, title: c.title ?? null }, c.label)),
  );
  const body = rows.map((row, i) =>
    h(
      "tr",
      options.rowAttrs?.(row) ?? null,
      columns.map((c) => h("td", { class: c.num ? "num" : null, ...(c.attrs?.(row) ?? {}) }, c.cell(row, i))),
    ),
  );
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: `data ${options.className ?? ""}`.trim() },
      options.caption ? h("caption", null, options.caption) : null,
      h("thead", null, head),
      h("tbody", null, body),
    ),
  );
}
