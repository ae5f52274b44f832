/**
 * idmef-admin stream: the reference consumer of GET /v1/stream. Prints each message (jsonl, csv
 * or text) and then saves the page's bookmark (write + rename, so the file is always a whole
 * bookmark); after a restart it resumes from that file. With --follow it keeps polling, backing
 * off while there is nothing new or the server fails, and stops on a refusal (4xx).
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { ApiError, type AdminApi } from "./api.ts";
import { csvCell } from "./csv.ts";

export type StreamFormat = "jsonl" | "csv" | "text";

export interface StreamOptions {
  types?: string;
  format: StreamFormat;
  follow: boolean;
  bookmarkFile?: string;
  /** Start here when there is no bookmark file (default: the beginning). */
  after?: string;
  limit?: string;
  out: (s: string) => void;
  /** Backoff bounds while following, ms. */
  minWaitMs?: number;
  maxWaitMs?: number;
  /** Stops a --follow loop (tests, signals). */
  signal?: AbortSignal;
}

interface Entry {
  type: string;
  analyzerid: string;
  messageid: string;
  received_at: string;
  message: { alert?: AlertLike; heartbeat?: { create_time?: string; additional_data?: Array<{ meaning?: string; data?: unknown }> } };
}

interface AlertLike {
  detect_time?: string;
  create_time?: string;
  classification?: { text?: string };
  assessment?: { impact?: { severity?: string } };
}

export const CSV_HEADER = "received_at,type,analyzerid,messageid,time,classification,severity";

/** Attacker-controlled text on a terminal: control characters shown as escapes. */
const visible = (s: string) => s.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);

function summary(e: Entry): [time: string | undefined, classification: string | undefined, severity: string | undefined] {
  const a = e.message.alert;
  if (a) return [a.detect_time ?? a.create_time, a.classification?.text, a.assessment?.impact?.severity];
  const hb = e.message.heartbeat;
  const status = hb?.additional_data?.find((d) => d.meaning?.toLowerCase() === "analyzer status")?.data;
  return [hb?.create_time, "Heartbeat", typeof status === "string" ? status : undefined];
}

export function formatEntry(e: Entry, format: StreamFormat): string {
  if (format === "jsonl") return JSON.stringify(e) + "\n";
  const [time, classification, severity] = summary(e);
  if (format === "csv") return [e.received_at, e.type, e.analyzerid, e.messageid, time, classification, severity].map(csvCell).join(",") + "\n";
  return `${e.received_at}  ${e.type.padEnd(9)}  ${visible(severity ?? "-").padEnd(7)}  ${visible(classification ?? "-")}  [${visible(e.analyzerid)} ${visible(e.messageid)}]\n`;
}

async function readBookmark(file: string | undefined): Promise<string | undefined> {
  if (!file) return undefined;
  try {
    return (await readFile(file, "utf8")).trim() || undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

async function saveBookmark(file: string, bookmark: string): Promise<void> {
  await writeFile(`${file}.tmp`, bookmark + "\n");
  await rename(`${file}.tmp`, file);
}

/** Returns the number of messages printed. */
export async function stream(api: AdminApi, o: StreamOptions): Promise<number> {
  let bookmark = (await readBookmark(o.bookmarkFile)) ?? o.after ?? "";
  const minWait = o.minWaitMs ?? 1000;
  const maxWait = o.maxWaitMs ?? 30_000;
  let wait = minWait;
  let printed = 0;
  if (o.format === "csv") o.out(CSV_HEADER + "\n");
  while (!o.signal?.aborted) {
    const q = new URLSearchParams({ after: bookmark });
    if (o.types) q.set("types", o.types);
    if (o.limit) q.set("limit", o.limit);
    let page: { messages: Entry[]; bookmark: string; more: boolean };
    try {
      page = await api.call("GET", `/v1/stream?${q}`);
    } catch (e) {
      // A refusal (bad bookmark, 410 past retention, permission) will not pass by waiting.
      if (!o.follow || (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429)) throw e;
      process.stderr.write(`idmef-admin stream: ${(e as Error).message}; retrying in ${wait} ms\n`);
      await sleep(wait, undefined, { signal: o.signal }).catch(() => {});
      wait = Math.min(wait * 2, maxWait);
      continue;
    }
    o.out(page.messages.map((m) => formatEntry(m, o.format)).join(""));
    printed += page.messages.length;
    bookmark = page.bookmark;
    if (o.bookmarkFile) await saveBookmark(o.bookmarkFile, bookmark);
    if (page.more) {
      wait = minWait;
      continue;
    }
    if (!o.follow) break;
    await sleep(wait, undefined, { signal: o.signal }).catch(() => {});
    wait = page.messages.length > 0 ? minWait : Math.min(wait * 2, maxWait);
  }
  return printed;
}
