/** Request bodies: strict UTF-8, then JSON, turned into a 400 problem when either fails. */
import { Problem } from "../problem.ts";

export function parseJsonBody(raw: Uint8Array): unknown {
  if (raw.byteLength === 0) throw new Problem(400, "not-json", "the request body is empty; expected JSON");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(raw);
  } catch {
    throw new Problem(400, "not-json", "the request body is not valid UTF-8");
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
