import { readFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import type { AgentConfig } from "../config.ts";
import { createEventsSink } from "../io/events-sink.ts";
import { openInput } from "../io/lines.ts";
import { readEvents } from "../io/read-events.ts";
import type { EventSink } from "../io/sink.ts";

/**
 * `idmef-agent replay [FILE|-] [--format idmef|events] [--config FILE] [--send]`
 *
 * Streams a saved raw audit log through parse → reassemble → sink, in constant memory, and prints
 * the counters (records, events, malformed, lost) to stderr at the end. The sink decides the
 * output: `events` (JSON per reassembled event, io/events-sink.ts) or `idmef` (the mapper's
 * alerts; `createSink` below is the one place that branch plugs in).
 */

export interface ReplayArgs {
  file: string;
  format: "idmef" | "events";
  config: string | null;
  send: boolean;
}

const USAGE = "usage: idmef-agent replay [FILE|-] [--format idmef|events] [--send] [--config FILE]";

export function parseReplayArgs(argv: string[]): ReplayArgs {
  const args: ReplayArgs = { file: "-", format: "idmef", config: null, send: false };
  let fileSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (v === undefined || v === "") throw new Error(`${a.split("=")[0]} needs a value\n${USAGE}`);
      return v;
    };
    if (a === "--format" || a.startsWith("--format=")) {
      const v = value();
      if (v !== "idmef" && v !== "events") throw new Error(`--format must be idmef or events, not "${v}"`);
      args.format = v;
    } else if (a === "--config" || a.startsWith("--config=")) args.config = value();
    else if (a === "--send") args.send = true;
    else if (a === "-" || !a.startsWith("-")) {
      if (fileSeen) throw new Error(`one input file only\n${USAGE}`);
      args.file = a;
      fileSeen = true;
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return args;
}

/**
 * The output for a format: `events` (io/events-sink.ts) or `idmef`, the mapper's alerts (idmef/sink.ts).
 * Sinks other than `events` load on use, so `--format events` does not pay for the mapper's modules.
 */
async function createSink(args: ReplayArgs, config: AgentConfig | null, out: Writable): Promise<EventSink> {
  if (config === null || (args.format === "events" && !args.send)) return createEventsSink(out);
  // --send: deliver through the agent's spool and sender (sender/send-sink.ts).
  if (args.send) return (await import("../sender/send-sink.ts")).createSendSink(config);
  return (await import("../idmef/sink.ts")).createIdmefSink({ config, out });
}

export async function command(argv: string[]): Promise<number> {
  let args: ReplayArgs;
  try {
    args = parseReplayArgs(argv);
  } catch (err) {
    process.stderr.write(`idmef-agent replay: ${(err as Error).message}\n`);
    return 2;
  }
  // The config module (and what it pulls in) loads only when needed: `--format events` with the
  // defaults (the reassembler's own: 2000 ms, 64 in flight) stays lean.
  let config: AgentConfig | null = null;
  if (args.config !== null || args.format !== "events" || args.send) {
    const { parseConfig, DEFAULT_CONFIG } = await import("../config.ts");
    config = args.config === null ? DEFAULT_CONFIG : parseConfig(await readFile(args.config, "utf8"), args.config);
  }
  // `replay ... | head`: a closed pipe ends the run quietly, like any Unix filter.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const sink = await createSink(args, config, process.stdout);
  const input = openInput(args.file);
  const counters = await readEvents(input, {
    onEvent: (event) => sink.write(event),
    afterChunk: () => sink.drain(),
    eventTimeoutMs: config?.event_timeout_ms,
    maxInFlight: config?.max_in_flight,
    // A live pipe on stdin may go quiet: then the clock completes what waits.
    idleTickMs: args.file === "-" ? Math.max(100, Math.floor((config?.event_timeout_ms ?? 2000) / 4)) : 0,
  });
  await sink.close();
  const extra = sink.counters?.() ?? {};
  const summary = { ...counters, ...extra };
  process.stderr.write(
    `idmef-agent replay: ${Object.entries(summary)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}\n`,
  );
  return 0;
}
