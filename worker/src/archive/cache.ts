/**
 * Decoded archive objects kept between requests of one Worker isolate. An object is immutable
 * (its key carries its content digest; a registered key is never rewritten), so a cached copy is
 * never stale. Bounded by NDJSON bytes, least recently used out first: a consumer catching up over
 * history in store order — which is not the archive's detect-time order — needs the same hours on
 * page after page, and without this each page read them from R2 again.
 */
import { readObject } from "./format.ts";

/** Stored messages of one object by "analyzerid\nmessageid". */
export type ObjectMessages = Map<string, string>;

export const messageKey = (analyzerid: string, messageid: string) => `${analyzerid}\n${messageid}`;

export class ObjectCache {
  readonly #maxBytes: number;
  readonly #entries = new Map<string, { messages: ObjectMessages; bytes: number }>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Without touching the recency order. */
  peek(key: string): ObjectMessages | undefined {
    return this.#entries.get(key)?.messages;
  }

  get(key: string): ObjectMessages | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    // Most recently used last.
    this.#entries.delete(key);
    this.#entries.set(key, e);
    return e.messages;
  }

  /** Reads (and verifies) an object from R2 and keeps it if it fits. */
  async load(bucket: R2Bucket, key: string, sha256: string, rawBytes: number): Promise<ObjectMessages> {
    const messages: ObjectMessages = new Map();
    for (const a of await readObject(bucket, key, sha256)) messages.set(messageKey(a.analyzerid, a.messageid), a.message);
    // One object never takes more than half: a huge one must not flush everything else.
    if (rawBytes <= this.#maxBytes / 2) {
      this.#entries.set(key, { messages, bytes: rawBytes });
      this.#bytes += rawBytes;
      for (const [k, e] of this.#entries) {
        if (this.#bytes <= this.#maxBytes) break;
        this.#entries.delete(k);
        this.#bytes -= e.bytes;
      }
    }
    return messages;
  }
}

/** NDJSON bytes an isolate keeps decoded (a Worker has 128 MB; a page may read 24 MiB more). */
export const OBJECT_CACHE_BYTES = 32 * 1024 * 1024;
export const objectCache = new ObjectCache(OBJECT_CACHE_BYTES);
