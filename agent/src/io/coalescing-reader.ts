/**
 * The plugin's stdin, read the cheap way. auditd writes every record to the plugin's pipe with a
 * write of its own, so a stream that reads as soon as data arrives wakes up once per record (~8
 * times per exec event): at 1000 events/s most of the plugin's CPU went to those wake-ups, not to
 * parsing. This reader blocks in a thread-pool read() while the pipe is empty (no wake-ups at
 * all when idle), and after each read lets `coalesceMs` pass before the next one, so under load
 * the records of that interval arrive in one chunk. Cost: at most `coalesceMs` of extra latency.
 */
import { fstatSync, read } from "node:fs";
import { Readable } from "node:stream";

export interface CoalescingReaderOptions {
  /** Pause after a read before the next one (default 10 ms). */
  coalesceMs?: number;
  /** Largest chunk read at once (default 256 KiB; a full read is followed at once by the next). */
  chunkBytes?: number;
}

export class CoalescingReader extends Readable {
  readonly #fd: number;
  readonly #coalesceMs: number;
  readonly #buf: Buffer;
  #reading = false;
  #timer: NodeJS.Timeout | null = null;
  /** Poll interval while a non-blocking descriptor has nothing (doubles up to 100 ms). */
  #emptyDelay: number;

  constructor(fd: number, o: CoalescingReaderOptions = {}) {
    super();
    this.#fd = fd;
    this.#coalesceMs = o.coalesceMs ?? 10;
    this.#emptyDelay = this.#coalesceMs;
    this.#buf = Buffer.allocUnsafe(o.chunkBytes ?? 256 * 1024);
  }

  override _read(): void {
    if (!this.#reading && this.#timer === null) this.#readNow();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    cb(err);
  }

  #later(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#readNow();
    }, ms);
  }

  #readNow(): void {
    if (this.destroyed) return;
    this.#reading = true;
    read(this.#fd, this.#buf, 0, this.#buf.length, null, (err, n) => {
      this.#reading = false;
      if (this.destroyed) return;
      if (err) {
        // A descriptor someone made non-blocking: poll, backing off while it stays empty.
        if ((err as NodeJS.ErrnoException).code === "EAGAIN") {
          this.#later(this.#emptyDelay);
          this.#emptyDelay = Math.min(100, this.#emptyDelay * 2);
        } else this.destroy(err);
        return;
      }
      if (n === 0) {
        this.push(null);
        return;
      }
      this.#emptyDelay = this.#coalesceMs;
      // A copy: the read buffer is reused, and a chunk's lines may be kept beyond this call.
      const wantsMore = this.push(Buffer.from(this.#buf.subarray(0, n)));
      if (!wantsMore) return; // _read() resumes us once the consumer has caught up
      if (n === this.#buf.length) this.#readNow(); // more is waiting already
      else this.#later(this.#coalesceMs);
    });
  }
}

/** stdin as the plugin should read it: coalesced for a pipe or file, Node's own stream otherwise (a TTY). */
export function pluginInput(): Readable {
  try {
    const st = fstatSync(0);
    if (st.isFIFO() || st.isFile()) return new CoalescingReader(0);
  } catch {
    // no stdin at all: Node's stream reports that its own way
  }
  return process.stdin;
}
