/**
 * Getting the spool's writes to stable storage without making the reading thread wait on every
 * commit. The spool's own connection commits with `synchronous = NORMAL` in WAL mode: a commit
 * is a write() into the OS page cache, which survives the process being killed (kill -9) at any
 * point. Power-loss durability follows within milliseconds:
 *  - after a commit the WAL file is fsync'd asynchronously (libuv's thread pool), at most once
 *    per `syncEveryMs` (100 ms): the power-loss window, not the kill -9 one;
 *  - at most once per `checkpointIntervalMs`, and only after commits, the spool's connection
 *    copies the WAL into the database file and syncs it (`wal_checkpoint(PASSIVE)`), so the WAL
 *    stays small. On the main thread, on purpose: a worker thread with its own connection cost
 *    the plugin ~13 MB of RSS (a second V8 isolate) for one small checkpoint a second. The
 *    checkpoint blocks for a few ms; stdin waits in the pipe and auditd's queue meanwhile.
 */
import { close, fsync, openSync } from "node:fs";

export class WalSync {
  readonly #walFd: number;
  #syncing = false;
  #again = false;
  #closed = false;
  #checkpointTimer: NodeJS.Timeout | null = null;
  #syncTimer: NodeJS.Timeout | null = null;
  #lastSyncAt = 0;
  readonly #syncEveryMs: number;
  readonly #checkpoint: () => void;
  readonly #intervalMs: number;
  readonly #onError: (err: Error) => void;

  /** `checkpoint` runs `PRAGMA wal_checkpoint(PASSIVE)` on the writer's connection. */
  constructor(dbPath: string, checkpoint: () => void, onError: (err: Error) => void, checkpointIntervalMs = 1000, syncEveryMs = 100) {
    this.#onError = onError;
    this.#syncEveryMs = syncEveryMs;
    this.#checkpoint = checkpoint;
    this.#intervalMs = checkpointIntervalMs;
    // The WAL exists once journal_mode = WAL is set; it lives as long as our connection.
    this.#walFd = openSync(dbPath + "-wal", "r+");
  }

  /** A commit happened: fsync the WAL soon, in the thread pool; checkpoint later. */
  committed(): void {
    if (this.#closed) return;
    if (this.#checkpointTimer === null) {
      // No timer while nothing is written: an idle plugin is not woken for checkpoints.
      this.#checkpointTimer = setTimeout(() => {
        this.#checkpointTimer = null;
        this.#runCheckpoint();
      }, this.#intervalMs);
      this.#checkpointTimer.unref();
    }
    if (this.#syncing || this.#syncTimer !== null) {
      this.#again = true;
      return;
    }
    // At most one fsync per syncEveryMs: under load the spool commits 50+ times a second, and
    // each fsync is kernel time (journal commits) that laurel, which never syncs, does not pay.
    const wait = this.#lastSyncAt + this.#syncEveryMs - Date.now();
    if (wait > 0) {
      this.#syncTimer = setTimeout(() => {
        this.#syncTimer = null;
        this.#sync();
      }, wait);
      return;
    }
    this.#sync();
  }

  #sync(): void {
    if (this.#closed) return;
    this.#syncing = true;
    this.#again = false;
    this.#lastSyncAt = Date.now();
    fsync(this.#walFd, (err) => {
      this.#syncing = false;
      if (err && !this.#closed) this.#onError(err);
      if (this.#again && !this.#closed) this.committed();
    });
  }

  #runCheckpoint(): void {
    try {
      this.#checkpoint();
    } catch (err) {
      this.#onError(new Error(`checkpoint: ${(err as Error).message}`));
    }
  }

  /** Stop syncing and checkpointing, release the WAL descriptor (the spool's close checkpoints and syncs). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#checkpointTimer !== null) clearTimeout(this.#checkpointTimer);
    if (this.#syncTimer !== null) clearTimeout(this.#syncTimer);
    this.#checkpointTimer = this.#syncTimer = null;
    await new Promise<void>((r) => close(this.#walFd, () => r()));
  }
}
