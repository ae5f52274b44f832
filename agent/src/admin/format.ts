/** Human-readable output: aligned columns, dashes for empty values. */

export function table(headers: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined || v === "" ? "-" : String(v))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]))).join("  ");
  return [line(headers), ...cells.map(line)].join("\n") + "\n";
}
