/**
 * The archive's object format: gzip NDJSON, one alert per line, in (detect_time, analyzerid,
 * messageid) order. `message` is the stored IDMEF text as a JSON string, so decoding a line gives
 * back exactly the bytes that were received. Keys are deterministic in the hour, the part and the
 * content: a retried run that archives the same alerts writes the same key again, and a run that
 * races another with different content cannot overwrite an object that is already registered.
 */

/** One archived alert (a line). */
export interface ArchivedAlert {
  analyzerid: string;
  messageid: string;
  detect_time: number;
  create_time: number;
  received_at: number;
  message: string;
}

/** Sort key of an alert in archive and export order. */
export type AlertKey = [detect_time: number, analyzerid: string, messageid: string];

// The UTC hour arithmetic the hourly counts use too: one definition.
export { HOUR_MS, hourOf } from "../store/alert-counts-sql.ts";
import { HOUR_MS } from "../store/alert-counts-sql.ts";

export function compareKeys(a: AlertKey, b: AlertKey): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] === b[2] ? 0 : a[2] < b[2] ? -1 : 1;
}

export const keyOf = (a: { detect_time: number; analyzerid: string; messageid: string }): AlertKey => [a.detect_time, a.analyzerid, a.messageid];

export function archiveLine(a: ArchivedAlert): string {
  return JSON.stringify({
    analyzerid: a.analyzerid,
    messageid: a.messageid,
    detect_time: a.detect_time,
    create_time: a.create_time,
    received_at: a.received_at,
    message: a.message,
  });
}

/** alerts/2026/09/01/13/p0003-<sha256 prefix>.ndjson.gz */
export function objectKey(hour: number, part: number, sha256: string): string {
  const d = new Date(hour).toISOString();
  return `alerts/${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(11, 13)}/p${String(part).padStart(4, "0")}-${sha256.slice(0, 16)}.ndjson.gz`;
}

export const KEY_PATTERN = /^alerts\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/p\d{4}-[0-9a-f]{16}\.ndjson\.gz$/;

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let n = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    n += value.byteLength;
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function gzip(raw: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return collect(new Blob([raw]).stream().pipeThrough(new CompressionStream("gzip")));
}

export async function gunzip(stream: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  return collect(stream.pipeThrough(new DecompressionStream("gzip")));
}

export function parseLines(ndjson: Uint8Array<ArrayBuffer>): ArchivedAlert[] {
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(ndjson);
  const out: ArchivedAlert[] = [];
  for (const line of text.split("\n")) if (line !== "") out.push(JSON.parse(line) as ArchivedAlert);
  return out;
}

/** The NDJSON of a registered object, verified against the digest it was registered with. */
export async function readObject(bucket: R2Bucket, key: string, sha256?: string): Promise<ArchivedAlert[]> {
  const obj = await bucket.get(key);
  if (!obj) throw new Error(`archive object ${key} is missing from R2`);
  const raw = await gunzip(obj.body);
  if (sha256 !== undefined && (await sha256Hex(raw)) !== sha256) throw new Error(`archive object ${key} does not match its digest`);
  return parseLines(raw);
}
