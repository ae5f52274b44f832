/**
 * Plugin mode (`idmef-agent run`): stdin → parse → reassemble → map → spool → send, with
 * heartbeats and the signals auditd and operators use (SPEC 2.4, 2.5).
 *
 * Reading stdin never waits for anything: each chunk is parsed, reassembled and mapped
 * synchronously, and alerts are appended to the spool's memory buffer, which commits (fsync) on
 * its own every few ms. The sender drains the spool asynchronously, so a slow or absent server
 * only grows the spool (bounded by spool_max_bytes), never auditd's queue.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { loadConfig, type AgentConfig } from "./config.ts";
import { analyzerInfo } from "./idmef/analyzer.ts";
import { createMapper } from "./rules/index.ts";
import { LineSplitter } from "./io/lines.ts";
import { MAX_LINE_LENGTH, parseRecord } from "./record/index.ts";
import { Reassembler } from "./reassembler.ts";
import { LANE_ALERT, LANE_HEARTBEAT, Spool } from "./spool/spool.ts";
import { DeadLetterFile } from "./spool/dead-letter.ts";
import { fittedJson } from "./idmef/fit-bytes.ts";
import { Sender } from "./sender/sender.ts";
import { makeSigner } from "./sender/sign.ts";
import { buildHeartbeat, type AgentCounters, type AnalyzerStatus } from "./heartbeat.ts";
import { resolveIdentity, type AgentIdentity } from "./keys.ts";
import { incompleteReason } from "./completeness.ts";
import type { AuditEvent, Clock } from "./types.ts";
import type { Analyzer } from "../../schema/idmef.ts";

export const DEAD_LETTER_FILE = "dead-letter.jsonl";

type Mapper = ReturnType<typeof createMapper>;

export interface PluginOptions {
  configFile: string;
  input: Readable;
  clock?: Clock;
  /** Diagnostics, one line each (stderr: auditd passes it to syslog). */
  log?: (line: string) => void;
}

/** The parts rebuilt from a config (at start and on SIGHUP). */
interface Configured {
  config: AgentConfig;
  identity: AgentIdentity;
  analyzer: Analyzer;
  mapper: Mapper;
}

export class Plugin {
  readonly #opts: Required<PluginOptions>;
  #cur!: Configured;
  #spool!: Spool;
  #deadLetters!: DeadLetterFile;
  #sender!: Sender;
  #reassembler!: Reassembler;
  #splitter!: LineSplitter;
  #tickTimer: NodeJS.Timeout | null = null;
  #heartbeatTimer: NodeJS.Timeout | null = null;
  #stopping: Promise<number> | null = null;
  #finished!: (code: number) => void;
  readonly #done = new Promise<number>((resolve) => (this.#finished = resolve));
  readonly #counters = { records: 0, events: 0, alerts: 0, malformed: 0, incomplete: 0 };
  #dropsReported = 0;
  #dropsReportedAt = 0;
  readonly #onData = (chunk: Buffer) => this.#splitter.push(chunk);
  readonly #onEnd = () => void this.stop("end of input");

  constructor(opts: PluginOptions) {
    this.#opts = { clock: Date.now, log: (l) => process.stderr.write(`idmef-agent: ${l}\n`), ...opts };
  }

  /** Load config and key, open the spool, send `starting`, start reading. Throws on a bad setup. */
  async start(): Promise<void> {
    process.umask(0o077); // spool and dead-letter files 0600, whoever embeds the plugin (cli.ts sets it too)
    this.#cur = await this.#configure(loadConfig(this.#opts.configFile));
    const c = this.#cur.config;
    this.#spool = new Spool({
      dir: c.spool_dir,
      maxBytes: c.spool_max_bytes,
      overflowAction: c.overflow_action,
      // Half the linger: an alert is in the spool within batch_linger_ms of its event, with a
      // few commits a second rather than hundreds (their fsync runs off this thread).
      commitIntervalMs: Math.max(5, Math.min(500, Math.floor(c.batch_linger_ms / 2))),
      onCommit: () => this.#sender?.wake(),
      onError: (err) => this.#opts.log(`spool: ${err.message} (pending messages are kept and retried)`),
    });
    this.#deadLetters = new DeadLetterFile(join(c.spool_dir, DEAD_LETTER_FILE));
    this.#sender = this.#newSender(this.#cur);
    this.#sender.start();
    this.#reassembler = new Reassembler({
      onEvent: (e) => this.#onEvent(e),
      eventTimeoutMs: c.event_timeout_ms,
      maxInFlight: c.max_in_flight,
    });
    this.#splitter = new LineSplitter((line) => this.#onLine(line), MAX_LINE_LENGTH);
    const depth = this.#spool.counters().depth;
    this.#opts.log(
      `started: analyzer ${this.#cur.identity.analyzerId} → ${c.server}` + (depth > 0 ? `, ${depth} message(s) left in the spool from before` : ""),
    );
    this.#heartbeat("starting");
    this.#startTimers();
    this.#opts.input.on("data", this.#onData);
    this.#opts.input.once("end", this.#onEnd);
    this.#opts.input.once("error", (err) => void this.fail(err));
  }

  /** Resolves with the exit code once the plugin has stopped. */
  get done(): Promise<number> {
    return this.#done;
  }

  counters(): AgentCounters {
    const spool = this.#spool.counters();
    return {
      ...this.#counters,
      lost: this.#reassembler.counters.lost,
      spoolDepth: spool.depth + spool.pending,
      dropped: spool.dropped,
      deadLettered: this.#deadLetters.count,
    };
  }

  /**
   * SIGHUP: re-read the config and rules. Events in the reassembler and messages in the spool are
   * kept; a bad config is reported and the running one kept. Spool location/size and the
   * reassembler's limits apply at the next start (changing them would mean dropping state).
   */
  async reload(): Promise<boolean> {
    if (this.#stopping) return false;
    let next: Configured;
    try {
      next = await this.#configure(loadConfig(this.#opts.configFile));
    } catch (err) {
      this.#opts.log(`reload failed, keeping the running configuration: ${(err as Error).message}`);
      return false;
    }
    const prev = this.#cur;
    this.#cur = next;
    const restartOnly = (["spool_dir", "spool_max_bytes", "overflow_action", "event_timeout_ms", "max_in_flight"] as const).filter(
      (k) => prev.config[k] !== next.config[k],
    );
    if (restartOnly.length > 0) this.#opts.log(`reload: ${restartOnly.join(", ")} take effect at the next start`);
    // A new sender for new server/key/batch settings; the old one hands its batches back.
    const old = this.#sender;
    this.#sender = this.#newSender(next);
    await old.stop();
    this.#spool.resetClaims();
    this.#sender.start();
    this.#startTimers();
    this.#opts.log(`reloaded ${this.#opts.configFile}`);
    return true;
  }

  /**
   * SIGTERM or end of input: stop reading, flush the reassembler into the spool, send for up to
   * shutdown_timeout_ms, send `exiting`, resolve 0. Whatever is unsent stays in the spool.
   */
  stop(reason: string): Promise<number> {
    if (this.#stopping) return this.#stopping;
    this.#stopping = (async () => {
      const c = this.#cur.config;
      const clock = this.#opts.clock;
      const deadline = clock() + c.shutdown_timeout_ms;
      // Records already waiting in the socket are part of what auditd sent before stopping us.
      await (this.#opts.input as { drainPending?: () => Promise<void> }).drainPending?.();
      this.#opts.input.off("data", this.#onData);
      this.#opts.input.off("end", this.#onEnd);
      this.#opts.input.pause();
      if (reason === "end of input") this.#splitter.end();
      this.#stopTimers();
      this.#reassembler.flush();
      this.#spool.commit();
      this.#dropsReportedAt = 0;
      this.#reportDrops();
      // Alerts first, keeping a little time for the `exiting` heartbeat after them.
      const reserve = Math.min(1000, Math.floor(c.shutdown_timeout_ms / 4));
      const sent = await this.#sender.drain(deadline - reserve);
      this.#heartbeat("exiting");
      const exitingSent = await this.#sender.drain(Math.max(deadline, clock() + 200), [LANE_HEARTBEAT]);
      await this.#sender.stop();
      const left = this.#spool.counters().depth;
      await this.#spool.close();
      this.#opts.log(
        `stopped (${reason}): ${this.#counters.alerts} alert(s) this run` +
          (sent && exitingSent ? ", all delivered" : `, ${left} message(s) kept in the spool for the next start`),
      );
      this.#finished(0);
      return 0;
    })();
    return this.#stopping;
  }

  /** A fatal error: a last `failed` heartbeat if it can be sent quickly, then exit code 1. */
  async fail(err: unknown): Promise<number> {
    const message = err instanceof Error ? err.message : String(err);
    this.#opts.log(`fatal: ${message}`);
    if (this.#stopping) return this.#stopping.then(() => 1);
    this.#stopping = (async () => {
      this.#stopTimers();
      this.#opts.input.off("data", this.#onData);
      this.#opts.input.pause();
      try {
        this.#reassembler.flush();
        this.#heartbeat("failed", message);
        await this.#sender.drain(this.#opts.clock() + Math.min(2000, this.#cur.config.shutdown_timeout_ms), [LANE_HEARTBEAT]);
        await this.#sender.stop();
        await this.#spool.close();
      } catch {
        // already failing: the exit code says it
      }
      this.#finished(1);
      return 1;
    })();
    return this.#stopping;
  }

  async #configure(config: AgentConfig): Promise<Configured> {
    if (!config.server) throw new Error("no `server` in the configuration");
    const identity = await resolveIdentity(config);
    // Alerts and heartbeats carry the persisted analyzer id (keygen's), whatever the config says.
    const withId: AgentConfig = { ...config, analyzer_id: identity.analyzerId };
    return { config: withId, identity, analyzer: analyzerInfo(withId), mapper: createMapper({ config: withId, clock: this.#opts.clock }) };
  }

  #newSender(cur: Configured): Sender {
    const c = cur.config;
    return new Sender({
      spool: this.#spool,
      deadLetters: this.#deadLetters,
      server: c.server!,
      sign: makeSigner(cur.identity.clientId, cur.identity.privateKey, this.#opts.clock),
      batchMaxMessages: c.batch_max_messages,
      batchMaxBytes: c.batch_max_bytes,
      batchLingerMs: c.batch_linger_ms,
      backoff: { baseMs: 250, capMs: c.retry_max_delay_ms },
      ca: c.tls_ca_file ? readFileSync(c.tls_ca_file, "utf8") : undefined,
      clock: this.#opts.clock,
      log: this.#opts.log,
    });
  }

  #onLine(line: string | null): void {
    const record = line === null ? null : parseRecord(line);
    if (record === null) {
      this.#counters.malformed++;
      return;
    }
    this.#counters.records++;
    this.#reassembler.push(record, this.#opts.clock());
  }

  #onEvent(event: AuditEvent): void {
    this.#counters.events++;
    if (incompleteReason(event) !== null) this.#counters.incomplete++;
    for (const message of this.#cur.mapper.map(event)) {
      this.#counters.alerts++;
      const json = fittedJson(message); // serialised once, by the byte-budget check
      this.#spool.append(LANE_ALERT, json.text, json.bytes);
    }
  }

  #heartbeat(status: AnalyzerStatus, error?: string): void {
    const c = this.#cur.config;
    const message = buildHeartbeat({
      analyzer: this.#cur.analyzer,
      status,
      intervalSec: c.heartbeat_interval,
      counters: this.counters(),
      nowMs: this.#opts.clock(),
      messageid: randomUUID(),
      error,
    });
    this.#spool.append(LANE_HEARTBEAT, JSON.stringify(message));
    this.#spool.commit();
  }

  #startTimers(): void {
    this.#stopTimers();
    const c = this.#cur.config;
    // The reassembler's idle timeout runs on our clock: events complete even when input stops.
    const tickMs = Math.max(10, Math.min(250, Math.floor(c.event_timeout_ms / 4)));
    this.#tickTimer = setInterval(() => {
      this.#reassembler.tick(this.#opts.clock());
      this.#reportDrops();
    }, tickMs);
    this.#heartbeatTimer = setInterval(() => this.#heartbeat("running"), c.heartbeat_interval * 1000);
  }

  /** Nothing is dropped silently: say so (at most every 10 s) when overflow_action drops messages. */
  #reportDrops(): void {
    const { dropped, depthBytes } = this.#spool.counters();
    const now = this.#opts.clock();
    if (dropped === this.#dropsReported || now - this.#dropsReportedAt < 10_000) return;
    const c = this.#cur.config;
    this.#opts.log(
      `spool full (${depthBytes} of ${c.spool_max_bytes} bytes): ${dropped - this.#dropsReported} message(s) dropped ` +
        `(overflow_action = ${c.overflow_action}; ${dropped} since start, counted in heartbeats)`,
    );
    this.#dropsReported = dropped;
    this.#dropsReportedAt = now;
  }

  #stopTimers(): void {
    if (this.#tickTimer) clearInterval(this.#tickTimer);
    if (this.#heartbeatTimer) clearInterval(this.#heartbeatTimer);
    this.#tickTimer = this.#heartbeatTimer = null;
  }
}
