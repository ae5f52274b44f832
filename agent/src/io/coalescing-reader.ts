/**
 * The plugin's stdin, read the cheap way. auditd writes every record to the plugin's socket with
 * a write of its own, so a stream that reads as soon as data arrives wakes up once per record (~8
 * times per exec event): at 1000 events/s most of the plugin's CPU went to those wake-ups, not to
 * parsing. These readers let `coalesceMs` pass after each read before the next one, so under load
 * the records of that interval arrive in one chunk. Cost: at most `coalesceMs` of extra latency.
 */
import { fstatSync, read } from "node:fs";
import { Socket } from "node:net";
import { Readable } from "node:stream";

export interface CoalescingReaderOptions {
  /** Pause after a read before the next one (default 10 ms). */
  coalesceMs?: number;
  /** Largest chunk read at once (default 256 KiB; a full read is followed at once by the next). */
  chunkBytes?: number;
}

/** Thread-pool reads with a pause between them: for a regular file (whose read never blocks). */
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

/**
 * The same coalescing for a socket or pipe, on libuv's own handle instead of the thread pool (a
 * thread blocked in read() would keep the process from exiting): reads go into one reused buffer
 * (net.Socket `onread`), and after each one reading stops (readStop) for `coalesceMs`. Idle, the
 * event loop just waits in epoll.
 */
export class CoalescingSocketReader extends Readable {
  readonly #socket: Socket;
  #timer: NodeJS.Timeout | null = null;
  #reads = 0;
  #draining = false;

  constructor(fd: number, o: CoalescingReaderOptions = {}) {
    super();
    const coalesceMs = o.coalesceMs ?? 10;
    const size = o.chunkBytes ?? 256 * 1024;
    this.#socket = new Socket({
      fd,
      readable: true,
      writable: false,
      onread: {
        buffer: Buffer.allocUnsafe(size),
        callback: (n: number, buf: Uint8Array) => {
          this.#reads++;
          // A copy: the read buffer is reused, and a chunk's lines may be kept beyond this call.
          this.push(Buffer.from(buf.subarray(0, n)));
          // A full buffer means more is waiting: read on at once (a backlog after a stall).
          if (this.#draining || n === size) return true;
          this.#socket.pause();
          this.#timer ??= setTimeout(() => {
            this.#timer = null;
            if (!this.destroyed) this.#socket.resume();
          }, coalesceMs);
          return false;
        },
      },
    });
    this.#socket.on("end", () => this.push(null));
    this.#socket.on("error", (err) => this.destroy(err));
    this.#socket.resume();
  }

  /**
   * Stop: read what is already waiting (auditd's last records before its SIGTERM) without pauses;
   * resolves once `quietMs` pass without a read, or at `maxMs`.
   */
  async drainPending(quietMs = 20, maxMs = 1000): Promise<void> {
    if (this.destroyed || this.readableEnded) return;
    this.#draining = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#socket.resume();
    const end = Date.now() + maxMs;
    for (let seen = -1; seen !== this.#reads && Date.now() < end; ) {
      seen = this.#reads;
      await new Promise((r) => setTimeout(r, quietMs));
    }
  }

  override _read(): void {
    // Flow is paced by the timer above; back-pressure is not needed (the plugin never waits).
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#socket.destroy();
    cb(err);
  }
}

/**
 * The plugin's pause between reads. 25 ms rather than the readers' 10: at 1000 exec/s a quiet
 * host's CPU (no rule fires) goes mostly to the wake-ups, and 40 of them a second instead of 100
 * cost at most 15 ms more of latency against the 1 s bound (p99 stdin → stored). auditd's socket
 * buffer holds far more than 25 ms of records at that rate (~60 KB).
 */
export const PLUGIN_COALESCE_MS = 25;

/**
 * stdin as the plugin should read it: coalesced for a socket (auditd gives its plugins one end of
 * a socketpair) or a pipe, a plain coalesced read for a file; Node's own stream otherwise (a TTY).
 */
export function pluginInput(): Readable {
  try {
    const st = fstatSync(0);
    if (st.isSocket() || st.isFIFO()) return new CoalescingSocketReader(0, { coalesceMs: PLUGIN_COALESCE_MS });
    if (st.isFile()) return new CoalescingReader(0, { coalesceMs: PLUGIN_COALESCE_MS });
  } catch {
    // no stdin at all: Node's stream reports that its own way
  }
  return process.stdin;
}
