/**
 * Per-route request body limits, applied by the auth layer only after the signature verified,
 * so a stranger never makes the Worker buffer a body. Reading stops at the limit: an oversized
 * body is refused (413) after at most `limit` bytes, whatever its Content-Length claimed.
 */
import { CLIENT_REGISTRATION_MAX_BYTES, SMALL_JSON_BODY_BYTES, TRIAGE_MAX_BYTES, type Limits } from "../limits.ts";
import { Problem } from "../problem.ts";

/** Bytes the route accepts. Only the POST routes and a client's stream types take a body. */
export function bodyLimitFor(method: string, path: string, l: Limits): number {
  if (method === "PUT" && /^\/v1\/clients\/[^/]+\/stream-types$/.test(path)) return SMALL_JSON_BODY_BYTES;
  if (method !== "POST") return 0;
  if (path === "/v1/messages") return l.maxBodyBytes;
  if (path === "/v1/clients") return CLIENT_REGISTRATION_MAX_BYTES;
  if (path === "/v1/triage") return TRIAGE_MAX_BYTES;
  if (path === "/v1/console/links") return SMALL_JSON_BODY_BYTES;
  return 0;
}

function tooLarge(limit: number): Problem {
  return new Problem(
    413,
    "body-too-large",
    limit === 0 ? "this route takes no request body" : `the request body is over the ${limit}-byte limit`,
    { limit },
  );
}

/** The whole body, refusing it once it passes `limit` bytes (checked against Content-Length first). */
export async function readBodyWithin(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (req.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return new Uint8Array(chunks[0].buffer as ArrayBuffer, chunks[0].byteOffset, chunks[0].byteLength);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
