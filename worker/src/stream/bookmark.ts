/** The stream's opaque bookmark: the store-order number of the last message a consumer has. */
import { fromBase64Url, toBase64Url } from "../../../schema/structured-fields.ts";
import { Problem } from "../problem.ts";

const PREFIX = "s1.";

export function encodeBookmark(seq: number): string {
  return PREFIX + toBase64Url(new TextEncoder().encode(String(seq)));
}

/** `undefined` or "" = from the oldest message still in the log (null). */
export function decodeBookmark(raw: string | undefined): number | null {
  if (raw === undefined || raw === "") return null;
  if (raw.startsWith(PREFIX)) {
    try {
      const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(fromBase64Url(raw.slice(PREFIX.length)));
      if (/^(0|[1-9]\d{0,15})$/.test(text)) return Number(text);
    } catch {
      // reported below
    }
  }
  throw new Problem(400, "bad-bookmark", "bookmark is not one this API returned");
}
