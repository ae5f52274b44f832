/**
 * Drains the spool to the server: batches per lane, one keep-alive connection pool (http-client.ts),
 * every attempt freshly signed, retries with backoff + full jitter, and a message leaves the spool
 * only when the server answered for it (stored, duplicate, or rejected → dead-letter).
 */
import { setTimeout as delay } from "node:timers/promises";
import { LANE_ALERT, LANE_HEARTBEAT, type Lane, type Spool, type SpooledMessage } from "../spool/spool.ts";
import type { DeadLetter, DeadLetterFile } from "../spool/dead-letter.ts";
import { classify, nextDelay, parseRetryAfter, type BackoffOptions } from "./retry.ts";
import { describeAnswer, parseIngestAnswer } from "./answer.ts";
import { answerLimit, readCapped } from "./read-capped.ts";
import { HttpClient } from "./http-client.ts";
import type { Clock } from "../types.ts";

/** Signs one request: returns the headers to add (Content-Digest, Signature-Input, Signature). */
export type RequestSigner = (req: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}) => Promise<Record<string, string>>;

export interface SenderOptions {
  spool: Spool;
  deadLetters: DeadLetterFile;
  /** Base URL of the ingestion API, e.g. https://idmef.example.org */
  server: string;
  sign: RequestSigner;
  batchMaxMessages: number;
  batchMaxBytes: number;
  batchLingerMs: number;
  backoff: BackoffOptions;
  /** Parallel requests for the alert lane (the heartbeat lane always has its own one). */
  concurrency?: number;
  /** PEM CA bundle for a private server certificate (tls_ca_file). */
  ca?: string;
  requestTimeoutMs?: number;
  clock?: Clock;
  random?: () => number;
  /** Diagnostics (one line, no newline): retries, dead-letters, auth failures. */
  log?: (line: string) => void;
}

export interface SenderCounters {
  requests: number;
  stored: number;
  duplicates: number;
  deadLettered: number;
  retries: number;
  /** Status of the last answer (null: network error; undefined: nothing sent yet). */
  lastStatus: number | null | undefined;
  lastError: string | null;
}

/** POST /v1/messages under the configured server base URL (a full .../v1/messages URL also works). */
export function messagesUrl(server: string): URL {
  const base = server.replace(/\/+$/, "");
  return new URL(base.endsWith("/v1/messages") ? base : base + "/v1/messages");
}

export class Sender {
  readonly #o: Required<Omit<SenderOptions, "ca" | "log">> & Pick<SenderOptions, "ca" | "log">;
  readonly #http: HttpClient;
  readonly #url: URL;
  /** Aborts sleeps and requests when the sender stops. */
  readonly #stop = new AbortController();
  /** Wakes idle lane workers when the spool commits. */
  #wakeups: (() => void)[] = [];
  /** Workers asleep in a retry backoff: a success anywhere wakes them (the server is back). */
  readonly #backingOff = new Set<() => void>();
  #workers: Promise<void>[] = [];
  #inFlight = 0;
  /** When set, lingering is skipped: send what is there now (shutdown). */
  #hurry = false;
  readonly #counters: SenderCounters = {
    requests: 0,
    stored: 0,
    duplicates: 0,
    deadLettered: 0,
    retries: 0,
    lastStatus: undefined,
    lastError: null,
  };

  constructor(opts: SenderOptions) {
    this.#o = {
      concurrency: 2,
      requestTimeoutMs: 30_000,
      clock: Date.now,
      random: Math.random,
      ...opts,
    };
    this.#url = messagesUrl(opts.server);
    this.#http = new HttpClient(this.#url, { connections: this.#o.concurrency + 1, timeoutMs: this.#o.requestTimeoutMs, ca: opts.ca });
  }

  /** Start the lane workers: one for heartbeats, `concurrency` for alerts. */
  start(): void {
    this.#workers.push(this.#worker(LANE_HEARTBEAT));
    for (let i = 0; i < this.#o.concurrency; i++) this.#workers.push(this.#worker(LANE_ALERT));
  }

  /** The spool committed new messages. */
  wake(): void {
    const w = this.#wakeups;
    this.#wakeups = [];
    for (const f of w) f();
  }

  counters(): SenderCounters {
    return { ...this.#counters };
  }

  /**
   * Send until the spool is empty (committed and nothing in flight) or the deadline passes.
   * Returns true when everything was delivered.
   */
  async drain(deadlineMs: number, lanes: Lane[] = [LANE_HEARTBEAT, LANE_ALERT]): Promise<boolean> {
    this.#hurry = true;
    this.#o.spool.commit();
    this.wake();
    while (this.#o.clock() < deadlineMs) {
      const busy = lanes.some((l) => this.#o.spool.unclaimed(l, 1) > 0);
      if (!busy && this.#inFlight === 0) return true;
      await delay(Math.min(20, Math.max(1, deadlineMs - this.#o.clock())));
    }
    return false;
  }

  /** Stop: abort pending sleeps and requests; unresolved messages stay in the spool. */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.wake();
    await Promise.allSettled(this.#workers);
    this.#http.close();
  }

  async #worker(lane: Lane): Promise<void> {
    const { spool, batchMaxMessages, batchMaxBytes, batchLingerMs } = this.#o;
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      const available = spool.unclaimed(lane, batchMaxMessages);
      if (available === 0) {
        await new Promise<void>((resolve) => this.#wakeups.push(resolve));
        continue;
      }
      // Linger for a fuller batch, unless it is full already, we are shutting down, or it is
      // a heartbeat (they are few and should arrive on time).
      if (available < batchMaxMessages && !this.#hurry && lane === LANE_ALERT && batchLingerMs > 0) {
        await this.#sleep(batchLingerMs);
        if (signal.aborted) break;
      }
      const batch = spool.claim(lane, batchMaxMessages, batchMaxBytes);
      if (batch.length === 0) continue; // another worker took them
      this.#inFlight++;
      try {
        await this.#deliver(lane, batch);
      } catch (err) {
        // Only a spool failure gets here (disk): give the batch back and slow down.
        spool.release(lane, batch.map((m) => m.id));
        this.#o.log?.(`sender: ${(err as Error).message}`);
        await this.#sleep(1000);
      } finally {
        this.#inFlight--;
      }
    }
  }

  /** Send one batch until the server has answered for every message in it (or we stop). */
  async #deliver(lane: Lane, batch: SpooledMessage[]): Promise<void> {
    const o = this.#o;
    const body = Buffer.from("[" + batch.map((m) => m.body).join(",") + "]");
    for (let attempt = 0; ; attempt++) {
      if (this.#stop.signal.aborted) {
        o.spool.release(lane, batch.map((m) => m.id));
        return;
      }
      let status: number | null = null;
      let text = "";
      let retryAfter: string | null = null;
      try {
        const headers: Record<string, string> = { "content-type": "application/json" };
        Object.assign(headers, await o.sign({ method: "POST", url: this.#url.href, headers, body }));
        this.#counters.requests++;
        const res = await this.#http.request({ method: "POST", path: this.#url.pathname + this.#url.search, headers, body, signal: this.#stop.signal });
        // Read first: an oversized answer throws here and counts as a network fault (retry).
        text = await readCapped(res.body, res.headers, answerLimit(batch.length));
        status = res.statusCode;
        const ra = res.headers["retry-after"];
        retryAfter = Array.isArray(ra) ? ra[0] : (ra ?? null);
        this.#counters.lastError = null;
      } catch (err) {
        if (this.#stop.signal.aborted) continue;
        this.#counters.lastError = (err as Error).message;
      }
      this.#counters.lastStatus = status;
      const verdict = classify(status, batch.length);
      if (verdict === "done") {
        if (this.#settle(batch, status!, text)) {
          this.#serverIsBack();
          return;
        }
        // A 2xx that does not account for every message: we cannot tell which were stored, so
        // send them all again (idempotent: the stored ones come back as duplicates).
        this.#counters.lastError = `2xx answer does not account for all ${batch.length} messages: ${text.slice(0, 200)}`;
      }
      if (verdict === "split") {
        const half = Math.ceil(batch.length / 2);
        await this.#deliver(lane, batch.slice(0, half));
        await this.#deliver(lane, batch.slice(half));
        return;
      }
      if (verdict === "dead-letter") {
        const reason = describeAnswer(status!, text);
        this.#deadLetter(batch.map((m) => ({ m, status: status!, reason })));
        o.spool.remove(batch.map((m) => m.id));
        o.log?.(`sender: server refused ${batch.length} message(s) (${status}): ${reason} → dead-letter`);
        return;
      }
      this.#counters.retries++;
      const serverAsked = parseRetryAfter(retryAfter, o.clock());
      const wait = nextDelay(attempt, serverAsked, o.backoff, o.random);
      if (attempt === 0 || attempt % 10 === 0 || status === 401 || status === 403) {
        const why =
          status === null ? `network error: ${this.#counters.lastError}` : verdict === "done" ? this.#counters.lastError : describeAnswer(status, text);
        o.log?.(`sender: attempt ${attempt + 1} failed (${why}); retrying in ${wait} ms`);
      }
      // Our own backoff ends early when another request succeeds, and starts over (so a
      // backlog drains at full speed once the server answers); a Retry-After is kept in full.
      if (serverAsked !== null) await this.#sleep(wait);
      else if (await this.#backoff(wait)) attempt = -1;
    }
  }

  /** A request succeeded: cut short every other worker's backoff. */
  #serverIsBack(): void {
    for (const wake of [...this.#backingOff]) wake();
  }

  /** Sleep out a backoff; true when cut short by a success elsewhere, false on time or stop. */
  #backoff(ms: number): Promise<boolean> {
    const signal = this.#stop.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (cut: boolean) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", stopped);
        this.#backingOff.delete(wake);
        resolve(cut);
      };
      const wake = () => done(true);
      const stopped = () => done(false);
      const timer = setTimeout(stopped, ms);
      signal.addEventListener("abort", stopped, { once: true });
      this.#backingOff.add(wake);
    });
  }

  /**
   * A 2xx: stored and duplicate messages leave the spool, listed rejections are dead-lettered.
   * Returns false (nothing removed) when the answer does not account for exactly the batch.
   */
  #settle(batch: SpooledMessage[], status: number, text: string): boolean {
    const answer = parseIngestAnswer(text);
    const rejected = new Map<number, string>();
    for (const r of answer?.rejected ?? []) {
      if (Number.isInteger(r.index) && r.index >= 0 && r.index < batch.length) rejected.set(r.index, r.error);
    }
    if (!answer || answer.accepted + answer.duplicates + rejected.size !== batch.length) return false;
    if (rejected.size > 0) {
      this.#deadLetter([...rejected].map(([i, reason]) => ({ m: batch[i], status, reason })));
      this.#o.log?.(`sender: server rejected ${rejected.size} message(s) → dead-letter`);
    }
    this.#o.spool.remove(batch.map((m) => m.id));
    this.#counters.stored += answer.accepted;
    this.#counters.duplicates += answer.duplicates;
    return true;
  }

  #deadLetter(items: { m: SpooledMessage; status: number; reason: string }[]): void {
    const time = new Date(this.#o.clock()).toISOString();
    const entries: DeadLetter[] = items.map(({ m, status, reason }) => ({
      time,
      status,
      reason,
      message: JSON.parse(m.body) as unknown,
    }));
    this.#o.deadLetters.write(entries);
    this.#counters.deadLettered += entries.length;
  }

  async #sleep(ms: number): Promise<void> {
    try {
      await delay(ms, undefined, { signal: this.#stop.signal });
    } catch {
      // aborted: the caller checks the signal
    }
  }
}
