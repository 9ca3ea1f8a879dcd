/**
 * A plain table for terminal listings: every column left-aligned and padded to its widest cell, two
 * spaces between columns, no rule, one line per row (each ending in a newline).
 *
 * @example
 * textColumns(["id", "name"], [["key_1", "app"]]) // "id     name\nkey_1  app\n"
 */
export function textColumns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]) =>
    `${row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd()}\n`;
  return line(header) + rows.map(line).join("");
}
