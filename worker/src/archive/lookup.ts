/**
 * Finds archived alerts by (detect hour, analyzerid, messageid), for the stream. `prepare` takes
 * the detect times a page needs, lists their hours' objects in one query and reads the objects
 * (several at once) in the order the page needs them, until `maxObjects` objects or `maxBytes` of
 * NDJSON read from R2 (a Worker has 128 MB) — objects the isolate still has decoded (cache.ts) cost
 * nothing; `find` then answers from memory, or "budget" for an alert whose hour was not read, where
 * the caller ends its page.
 */
import { messageKey, objectCache, type ObjectCache, type ObjectMessages } from "./cache.ts";
import { hourOf } from "./format.ts";

const PARALLEL_READS = 8;

export class ArchiveLookup {
  readonly #db: D1Database;
  readonly #bucket: R2Bucket;
  readonly #maxObjects: number;
  readonly #maxBytes: number;
  readonly #cache: ObjectCache;
  /** Hours whose every object is at hand, and their objects' messages. */
  readonly #hours = new Map<number, ObjectMessages[]>();

  constructor(db: D1Database, bucket: R2Bucket, maxObjects: number, maxBytes: number, cache: ObjectCache = objectCache) {
    this.#db = db;
    this.#bucket = bucket;
    this.#maxObjects = maxObjects;
    this.#maxBytes = maxBytes;
    this.#cache = cache;
  }

  /** `detectTimes` in the order the page needs them. */
  async prepare(detectTimes: number[]): Promise<void> {
    const hours = [...new Set(detectTimes.map(hourOf))];
    if (hours.length === 0) return;
    const rows = (
      await this.#db.prepare("SELECT key, hour, sha256, raw_bytes FROM archive_objects WHERE hour IN (SELECT value FROM json_each(?)) ORDER BY hour, part")
        .bind(JSON.stringify(hours)).all<{ key: string; hour: number; sha256: string; raw_bytes: number }>()
    ).results;
    const byHour = new Map<number, typeof rows>();
    for (const r of rows) byHour.set(r.hour, [...(byHour.get(r.hour) ?? []), r]);
    // Whole hours, in need order; objects not in the isolate's cache count against the page's
    // R2 budget (the first hour always goes).
    const toRead: typeof rows = [];
    let bytes = 0;
    const wanted: number[] = [];
    // This page's own references: a cached object stays usable even if a read below evicts it.
    const read = new Map<string, ObjectMessages>();
    for (const h of hours) {
      const objs = byHour.get(h) ?? [];
      const missing = objs.filter((o) => !read.has(o.key) && this.#cache.peek(o.key) === undefined);
      const size = missing.reduce((n, o) => n + o.raw_bytes, 0);
      if (wanted.length > 0 && (toRead.length + missing.length > this.#maxObjects || bytes + size > this.#maxBytes)) break;
      for (const o of objs) {
        const cached = this.#cache.get(o.key);
        if (cached) read.set(o.key, cached);
      }
      toRead.push(...missing);
      bytes += size;
      wanted.push(h);
    }
    for (let i = 0; i < toRead.length; i += PARALLEL_READS) {
      const batch = toRead.slice(i, i + PARALLEL_READS);
      const got = await Promise.all(batch.map((o) => this.#cache.load(this.#bucket, o.key, o.sha256, o.raw_bytes)));
      batch.forEach((o, j) => read.set(o.key, got[j]));
    }
    for (const h of wanted) {
      this.#hours.set(h, (byHour.get(h) ?? []).map((o) => read.get(o.key)!));
    }
  }

  /** The stored message text, null when no registered object has it, "budget" when its hour was not read. */
  find(detectTime: number, analyzerid: string, messageid: string): string | null | "budget" {
    const objects = this.#hours.get(hourOf(detectTime));
    if (!objects) return "budget";
    const k = messageKey(analyzerid, messageid);
    for (const m of objects) {
      const found = m.get(k);
      if (found !== undefined) return found;
    }
    return null;
  }
}
