/**
 * Finds single archived alerts by (detect hour, analyzerid, messageid), for the stream. Objects of
 * an hour are read lazily and kept for the request; at most `maxObjects` objects and `maxBytes`
 * of NDJSON are read (a Worker has 128 MB), after which `find` answers "budget" and the caller ends
 * its page there.
 */
import { hourOf, readObject } from "./format.ts";

export class ArchiveLookup {
  readonly #db: D1Database;
  readonly #bucket: R2Bucket;
  readonly #maxObjects: number;
  readonly #maxBytes: number;
  #bytes = 0;
  readonly #keysByHour = new Map<number, Array<{ key: string; sha256: string; raw_bytes: number }>>();
  readonly #loaded = new Map<string, Map<string, string>>();

  constructor(db: D1Database, bucket: R2Bucket, maxObjects: number, maxBytes: number) {
    this.#db = db;
    this.#bucket = bucket;
    this.#maxObjects = maxObjects;
    this.#maxBytes = maxBytes;
  }

  /** The stored message text, null when no registered object has it, "budget" when out of reads. */
  async find(detectTime: number, analyzerid: string, messageid: string): Promise<string | null | "budget"> {
    const hour = hourOf(detectTime);
    let keys = this.#keysByHour.get(hour);
    if (!keys) {
      keys = (await this.#db.prepare("SELECT key, sha256, raw_bytes FROM archive_objects WHERE hour = ? ORDER BY part").bind(hour).all<{ key: string; sha256: string; raw_bytes: number }>()).results;
      this.#keysByHour.set(hour, keys);
    }
    const id = `${analyzerid}\n${messageid}`;
    for (const { key, sha256, raw_bytes } of keys) {
      let byId = this.#loaded.get(key);
      if (!byId) {
        if (this.#loaded.size > 0 && (this.#loaded.size >= this.#maxObjects || this.#bytes + raw_bytes > this.#maxBytes)) return "budget";
        this.#bytes += raw_bytes;
        byId = new Map((await readObject(this.#bucket, key, sha256)).map((a) => [`${a.analyzerid}\n${a.messageid}`, a.message]));
        this.#loaded.set(key, byId);
      }
      const m = byId.get(id);
      if (m !== undefined) return m;
    }
    return null;
  }
}
