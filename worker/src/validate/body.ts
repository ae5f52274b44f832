/**
 * Request bodies: strict UTF-8, then a shape scan, then JSON, turned into a 400 problem when any
 * fails. The scan runs over the raw text with a loop (no recursion), so JSON nested 100,000 deep
 * or holding millions of values is refused before JSON.parse, JSON.stringify or the schema's
 * recursive walks could run out of stack or memory (which would be a 500).
 */
import { MAX_JSON_DEPTH } from "../limits.ts";
import { Problem } from "../problem.ts";

export interface JsonShapeLimits {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
  /** Most tokens, counted as libprelude's reader (jsmn) does: objects, arrays, keys, values. */
  maxTokens: number;
}

export const DEFAULT_JSON_SHAPE: JsonShapeLimits = { maxDepth: MAX_JSON_DEPTH, maxTokens: Number.POSITIVE_INFINITY };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isStructural(ch: number): boolean {
  // { } [ ] , :
  return ch === 0x7b || ch === 0x7d || ch === 0x5b || ch === 0x5d || ch === 0x2c || ch === 0x3a;
}

function isSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09;
}

/** Index of the quote that closes the string opened at `open` (text.length if none). indexOf
 *  runs natively, and strings are most of an alert's text. */
function closingQuote(text: string, open: number): number {
  let j = open + 1;
  for (;;) {
    j = text.indexOf('"', j);
    if (j < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return j;
    j++;
  }
}

/**
 * Depth and token count of JSON text, or the first limit it passes. Not a validator: malformed
 * text is left to JSON.parse; this only has to bound what JSON.parse is given.
 */
export function scanJsonShape(text: string, lim: JsonShapeLimits): { depth: number; tokens: number } | { exceeded: "depth" | "tokens" } {
  let depth = 0;
  let maxDepth = 0;
  let tokens = 0;
  let inPrimitive = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) {
      inPrimitive = false;
      tokens++;
      i = closingQuote(text, i);
    } else if (ch === 0x7b || ch === 0x5b) {
      inPrimitive = false;
      tokens++;
      if (++depth > maxDepth) {
        maxDepth = depth;
        if (depth > lim.maxDepth) return { exceeded: "depth" };
      }
    } else if (ch === 0x7d || ch === 0x5d) {
      inPrimitive = false;
      depth--;
    } else if (isStructural(ch) || isSpace(ch)) {
      inPrimitive = false;
    } else if (!inPrimitive) {
      inPrimitive = true; // a number, true, false or null begins
      tokens++;
    }
    if (tokens > lim.maxTokens) return { exceeded: "tokens" };
  }
  return { depth: maxDepth, tokens };
}

export function parseJsonBody(raw: Uint8Array, shape: JsonShapeLimits = DEFAULT_JSON_SHAPE): unknown {
  if (raw.byteLength === 0) throw new Problem(400, "not-json", "the request body is empty; expected JSON");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(raw);
  } catch {
    throw new Problem(400, "not-json", "the request body is not valid UTF-8");
  }
  const scanned = scanJsonShape(text, shape);
  if ("exceeded" in scanned) {
    throw new Problem(
      400,
      "json-too-complex",
      scanned.exceeded === "depth"
        ? `the JSON body nests deeper than ${shape.maxDepth} levels`
        : `the JSON body has more than ${shape.maxTokens} values, keys, objects and arrays`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Problem(400, "not-json", `the request body is not JSON: ${(e as Error).message}`);
  }
}

export function requireJsonContentType(contentType: string | undefined): void {
  const type = contentType?.split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    throw new Problem(415, "content-type", `Content-Type must be application/json, got ${JSON.stringify(contentType ?? null)}`);
  }
}
