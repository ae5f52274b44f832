/**
 * One page of the stream: messages after a bookmark in the order they were stored (stream_log.seq,
 * see 0008_stream_archive.sql). One SQL statement reads the page, so it is one consistent snapshot:
 * an alert the archive job moved (deleted from D1 in the commit that registered its object) is
 * found in the archive objects of its detect hour, never missed or seen twice.
 * Messages whose rows retention removed (heartbeats after HEARTBEAT_RETENTION_DAYS, alerts when no
 * archive is configured) are skipped; a bookmark older than the pruned part of the log is 410.
 */
import { ArchiveLookup } from "../archive/lookup.ts";
import { readState } from "../archive/state.ts";
import { Problem } from "../problem.ts";
import { encodeBookmark } from "./bookmark.ts";
import type { StreamType } from "./types.ts";

export const STREAM_PRUNED_THROUGH = "stream_pruned_through";
/** Largest page (stream rows scanned) and the answer's byte budget. */
export const MAX_STREAM_LIMIT = 5000;
export const DEFAULT_STREAM_LIMIT = 1000;
export const STREAM_PAGE_BYTES = 4_000_000;
/** Archive objects (and their NDJSON bytes) one page may read from R2; the page ends before a row
 *  that needs more. */
export const MAX_OBJECTS_PER_PAGE = 256;
export const MAX_ARCHIVE_BYTES_PER_PAGE = 24 * 1024 * 1024;

interface LogRow {
  seq: number;
  kind: "alert" | "heartbeat";
  analyzerid: string;
  messageid: string;
  received_at: number;
  event_time: number;
  message: string | null;
}

export interface StreamPage {
  /** JSON text of each message entry (the IDMEF message embedded as stored, byte for byte). */
  entries: string[];
  bookmark: string;
  /** More rows were left for the next page. */
  more: boolean;
}

export interface StreamRequest {
  /** null: from the oldest message the log still has. */
  after: number | null;
  limit: number;
  types: Set<StreamType>;
  healthAnalyzerId: string;
  archive: R2Bucket | undefined;
}

function typeOf(r: LogRow, healthId: string): StreamType {
  if (r.kind === "heartbeat") return "heartbeat";
  return r.analyzerid === healthId ? "health" : "alert";
}

export async function readStream(db: D1Database, q: StreamRequest): Promise<StreamPage> {
  const [floor, page] = await db.batch([
    readState(db, STREAM_PRUNED_THROUGH),
    // The message is read only for wanted types (?3 / ?4 / ?5), so skipping a type costs no bytes.
    db.prepare(
      `SELECT s.seq, s.kind, s.analyzerid, s.messageid, s.received_at, s.event_time,
         CASE WHEN s.kind = 'heartbeat' AND ?3 THEN
                (SELECT message FROM heartbeats h WHERE h.analyzerid = s.analyzerid AND h.messageid = s.messageid)
              WHEN s.kind = 'alert' AND (iif(s.analyzerid = ?6, ?5, ?4)) THEN
                (SELECT message FROM alerts a WHERE a.analyzerid = s.analyzerid AND a.messageid = s.messageid)
         END AS message
       FROM stream_log s WHERE s.seq > ?1 ORDER BY s.seq LIMIT ?2`,
    ).bind(q.after ?? -1, q.limit, q.types.has("heartbeat") ? 1 : 0, q.types.has("alert") ? 1 : 0, q.types.has("health") ? 1 : 0, q.healthAnalyzerId),
  ]);
  const prunedThrough = (floor.results[0] as { value: number } | undefined)?.value ?? 0;
  if (q.after !== null && q.after < prunedThrough) {
    throw new Problem(410, "bookmark-expired", `the stream before this bookmark is past the archive's retention; its oldest position is after ${prunedThrough}; restart from an empty bookmark or export the range`, {
      oldest_bookmark: encodeBookmark(prunedThrough),
    });
  }
  const rows = page.results as unknown as LogRow[];
  const entries: string[] = [];
  const archived = q.archive ? new ArchiveLookup(db, q.archive, MAX_OBJECTS_PER_PAGE, MAX_ARCHIVE_BYTES_PER_PAGE) : null;
  // Wanted alerts no longer in D1: read their hours' objects up front.
  await archived?.prepare(rows.filter((r) => r.kind === "alert" && r.message === null && q.types.has(typeOf(r, q.healthAnalyzerId))).map((r) => r.event_time));
  let bytes = 0;
  let last = q.after ?? prunedThrough;
  let cut = false;
  for (const r of rows) {
    const type = typeOf(r, q.healthAnalyzerId);
    let message = r.message;
    if (q.types.has(type) && message === null && r.kind === "alert" && archived) {
      const found = archived.find(r.event_time, r.analyzerid, r.messageid);
      if (found === "budget") {
        cut = true;
        break;
      }
      message = found;
    }
    if (q.types.has(type) && message !== null) {
      if (entries.length > 0 && bytes + message.length > STREAM_PAGE_BYTES) {
        cut = true;
        break;
      }
      const head = JSON.stringify({
        type,
        analyzerid: r.analyzerid,
        messageid: r.messageid,
        received_at: new Date(r.received_at).toISOString(),
      });
      entries.push(`${head.slice(0, -1)},"message":${message}}`);
      bytes += message.length + head.length;
    }
    last = r.seq;
  }
  return { entries, bookmark: encodeBookmark(last), more: cut || rows.length === q.limit };
}
