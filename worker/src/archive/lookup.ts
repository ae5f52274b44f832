/**
 * Finds archived alerts by (detect hour, analyzerid, messageid), for the stream. `prepare` takes
 * the detect times a page needs, lists their hours' objects in one query and reads the objects
 * (several at once) in the order the page needs them, until `maxObjects` objects or `maxBytes` of
 * NDJSON (a Worker has 128 MB); `find` then answers from memory, or "budget" for an alert whose
 * hour was not read, where the caller ends its page.
 */
import { hourOf, readObject } from "./format.ts";

const PARALLEL_READS = 8;

export class ArchiveLookup {
  readonly #db: D1Database;
  readonly #bucket: R2Bucket;
  readonly #maxObjects: number;
  readonly #maxBytes: number;
  /** Hours whose every object was read, and what they hold. */
  readonly #readHours = new Set<number>();
  readonly #messages = new Map<string, string>();

  constructor(db: D1Database, bucket: R2Bucket, maxObjects: number, maxBytes: number) {
    this.#db = db;
    this.#bucket = bucket;
    this.#maxObjects = maxObjects;
    this.#maxBytes = maxBytes;
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
    // Whole hours, in need order, within the budget (the first hour always).
    const take: typeof rows = [];
    let bytes = 0;
    for (const h of hours) {
      const objs = byHour.get(h) ?? [];
      const size = objs.reduce((n, o) => n + o.raw_bytes, 0);
      if (this.#readHours.size > 0 && (take.length + objs.length > this.#maxObjects || bytes + size > this.#maxBytes)) break;
      take.push(...objs);
      bytes += size;
      this.#readHours.add(h);
    }
    for (let i = 0; i < take.length; i += PARALLEL_READS) {
      const read = await Promise.all(take.slice(i, i + PARALLEL_READS).map((o) => readObject(this.#bucket, o.key, o.sha256)));
      for (const lines of read) for (const a of lines) this.#messages.set(`${a.analyzerid}\n${a.messageid}`, a.message);
    }
  }

  /** The stored message text, null when no registered object has it, "budget" when its hour was not read. */
  find(detectTime: number, analyzerid: string, messageid: string): string | null | "budget" {
    if (!this.#readHours.has(hourOf(detectTime))) return "budget";
    return this.#messages.get(`${analyzerid}\n${messageid}`) ?? null;
  }
}
