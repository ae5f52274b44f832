/**
 * Human-readable output: aligned columns, dashes for empty values, and every string from the
 * server made harmless for a terminal. Server strings are attacker data (an agent chose them):
 * ESC sequences could move the cursor and erase or forge rows, OSC 52 write the clipboard, C1
 * CSI (U+009B) act like ESC [, and bidi controls reorder what the operator reads.
 */

/**
 * C0, DEL, C1; bidi embeddings/overrides/isolates and marks (U+202A–E, U+2066–9, U+200E/F, U+061C);
 * line/paragraph separators (U+2028/9), which some terminals break lines at.
 */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same set minus C0, which JSON.stringify already writes as \u00XX (or \n, \t, ...). */
const UNSAFE_IN_JSON = /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, "0");

/**
 * A server string as visible text: unsafe characters as `\x1b` (up to U+00FF) or `\u202e`, and a
 * backslash as `\\`, so an escape shown can always be told from the same characters sent literally.
 */
export function visible(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(UNSAFE, (c) => (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/**
 * --json output: JSON.stringify plus \u escapes for DEL, C1 and the bidi/separator characters it
 * leaves raw. Still the same JSON value (they only occur inside strings), and safe on a terminal.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`);
}

export function table(headers: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined || v === "" ? "-" : visible(String(v)))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]))).join("  ");
  return [line(headers), ...cells.map(line)].join("\n") + "\n";
}
