/**
 * Getting the spool's writes to stable storage without ever making the reading thread wait on
 * the disk. The spool's own connection commits with `synchronous = NORMAL` in WAL mode: a commit
 * is a write() into the OS page cache, which survives the process being killed (kill -9) at any
 * point. Power-loss durability follows within milliseconds, off the main thread:
 *  - after each commit the WAL file is fsync'd asynchronously (libuv's thread pool);
 *  - a checkpointer thread with its own connection copies the WAL into the database file and
 *    syncs it (`wal_checkpoint(PASSIVE)`, which never blocks the writer), so the WAL stays small.
 */
import { close, fsync, openSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { BUSY_TIMEOUT_MS } from "./sqlite.ts";

// Plain JS on purpose (eval'd): a worker that loaded a .ts file would pay for its own copy of
// the TypeScript stripper (~15 MB) just to run these lines.
const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
process.emitWarning = () => {};
const { DatabaseSync } = require("node:sqlite");
// The busy timeout is given at open so that it covers every statement (see sqlite.ts).
const db = new DatabaseSync(workerData.path, { timeout: workerData.busyTimeoutMs });
const run = () => {
  try { db.exec("PRAGMA wal_checkpoint(PASSIVE)"); }
  catch (err) { parentPort.postMessage(String(err && err.message || err)); }
};
setInterval(run, workerData.intervalMs);
parentPort.on("message", (m) => { if (m === "close") { run(); db.close(); process.exit(0); } });
`;

export class WalSync {
  readonly #walFd: number;
  #syncing = false;
  #again = false;
  #closed = false;
  readonly #checkpointer: Worker;
  readonly #onError: (err: Error) => void;

  constructor(dbPath: string, onError: (err: Error) => void, checkpointIntervalMs = 1000) {
    this.#onError = onError;
    // The WAL exists once journal_mode = WAL is set; it lives as long as our connection.
    this.#walFd = openSync(dbPath + "-wal", "r+");
    this.#checkpointer = new Worker(CHECKPOINTER, { eval: true, workerData: { path: dbPath, intervalMs: checkpointIntervalMs, busyTimeoutMs: BUSY_TIMEOUT_MS } });
    this.#checkpointer.on("message", (m: string) => onError(new Error(`checkpoint: ${m}`)));
    this.#checkpointer.on("error", (err) => onError(err));
    this.#checkpointer.unref();
  }

  /** A commit happened: fsync the WAL soon, in the thread pool (coalescing bursts). */
  committed(): void {
    if (this.#closed) return;
    if (this.#syncing) {
      this.#again = true;
      return;
    }
    this.#syncing = true;
    fsync(this.#walFd, (err) => {
      this.#syncing = false;
      if (err && !this.#closed) this.#onError(err);
      if (this.#again && !this.#closed) {
        this.#again = false;
        this.committed();
      }
    });
  }

  /** Stop the checkpointer (after one last checkpoint) and release the WAL descriptor. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Keep the event loop alive while the checkpointer finishes (it is unref'd while running).
    this.#checkpointer.ref();
    const exited = new Promise((r) => this.#checkpointer.once("exit", r));
    this.#checkpointer.postMessage("close");
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
    await this.#checkpointer.terminate();
    close(this.#walFd, () => {});
  }
}
