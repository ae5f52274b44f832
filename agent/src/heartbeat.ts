/**
 * IDMEF Heartbeat messages (SPEC 2.5): the analyzer's status and its counters, every
 * heartbeat_interval seconds. Pure: the caller passes the time and a message id.
 */
// Types only: the zod schemas stay unloaded in the plugin (they cost ~15 MB of RSS at run time).
import type { AdditionalData, Analyzer, HeartbeatMessage } from "../../schema/idmef.ts";
import { idmefTime } from "../../schema/idmef-wire.ts";
import { clean } from "./idmef/parts.ts";

export type AnalyzerStatus = "starting" | "running" | "exiting" | "failed";

/** The additional_data meaning of the status entry (libprelude's / Prelude's own wording). */
export const STATUS_MEANING = "Analyzer status";

/** Counters carried in each heartbeat, in this order, with these additional_data meanings. */
export interface AgentCounters {
  /** Audit records read (well-formed). */
  records: number;
  /** Whole events reassembled. */
  events: number;
  /** Alerts produced by the rules (and queued to the spool). */
  alerts: number;
  /** Malformed input lines, counted and skipped. */
  malformed: number;
  /** Events lost (audit sequence gaps). */
  lost: number;
  /** Events completed without records their type implies (auditd dropped single records; completeness.ts). */
  incomplete: number;
  /** Messages waiting in the spool. */
  spoolDepth: number;
  /** Messages dropped by overflow_action. */
  dropped: number;
  /** Messages the server refused, written to the dead-letter file. */
  deadLettered: number;
}

export const COUNTER_MEANINGS: Record<keyof AgentCounters, string> = {
  records: "records",
  events: "events",
  alerts: "alerts",
  malformed: "malformed lines",
  lost: "lost events",
  incomplete: "incomplete events",
  spoolDepth: "spool depth",
  dropped: "dropped messages",
  deadLettered: "dead-lettered messages",
};

export interface HeartbeatInput {
  analyzer: Analyzer;
  status: AnalyzerStatus;
  /** Seconds between heartbeats (heartbeat_interval). */
  intervalSec: number;
  counters: AgentCounters;
  nowMs: number;
  messageid: string;
  /** Why the agent failed (status "failed" only). */
  error?: string;
}

export function buildHeartbeat(h: HeartbeatInput): HeartbeatMessage {
  const data: AdditionalData[] = [{ meaning: STATUS_MEANING, type: "string", data: h.status }];
  for (const key of Object.keys(COUNTER_MEANINGS) as (keyof AgentCounters)[]) {
    data.push({ meaning: COUNTER_MEANINGS[key], type: "integer", data: Math.max(0, Math.trunc(h.counters[key])) });
  }
  // The error text comes from the OS or a config file: printable ASCII like every other string
  // the agent sends, or libprelude refuses the whole heartbeat.
  if (h.status === "failed" && h.error) data.push({ meaning: "error", type: "string", data: clean(h.error) });
  const time = idmefTime(h.nowMs);
  return {
    version: "1.0",
    heartbeat: {
      messageid: h.messageid,
      analyzer: [h.analyzer],
      create_time: time,
      analyzer_time: time,
      heartbeat_interval: h.intervalSec,
      additional_data: data,
    },
  };
}
