/**
 * Analyzer health as a pure state machine: data in, data out, the clock passed in.
 *
 * States (SPEC 4.1): online | missing | offline (last heartbeat said `exiting`) | failed (last
 * heartbeat said `failed`). Two inputs move it: a heartbeat (at ingest) and the deadline passing
 * (found by the cron). Each transition yields the health events it raises, exactly once, because
 * an event is tied to the input that caused it (see `trigger`), never to the cron run.
 *
 * Time base. "Last heartbeat" is the SERVER's receive time, not the sender's create_time:
 * - clock skew: a host whose clock runs 15 min slow would be declared missing on arrival, one
 *   running fast would never be; receive time and the cron clock are the same (server) clock;
 * - replays: every request is signed with a fresh `created` (±300 s) and a single-use nonce, so a
 *   heartbeat that arrives proves the sender is alive NOW, whatever create_time it carries (a
 *   spooled heartbeat delivered after an outage is old but its delivery is current);
 * - the sender's create_time is still used for ORDER: a heartbeat older than the last one applied
 *   (a late re-send from a spool) must not overwrite a newer status, e.g. `running` after
 *   `exiting`. Such a stale heartbeat is ignored by health (it is still stored as history).
 *   Ordered by min(create_time, receive time): nothing is created after it arrived, so one
 *   heartbeat dated years ahead cannot make every later one "older" and freeze the analyzer.
 */

export type HealthState = "online" | "missing" | "offline" | "failed";
export type Severity = "info" | "low" | "medium" | "high";
export type HealthEventKind = "missing" | "resumed" | "failed" | "restart" | "late";

/** What the health monitor remembers per analyzer (one row of analyzer_health). */
export interface AnalyzerHealth {
  analyzerid: string;
  state: HealthState;
  /** When the analyzer entered `state` (epoch ms, server clock). */
  since: number;
  /** Server receive time of the newest applied heartbeat. */
  lastSeen: number;
  /** Sender's create_time of that heartbeat (ordering only). */
  lastCreateMs: number;
  lastMessageid: string;
  /** Its "Analyzer status" (starting|running|exiting|failed|...), null when it carried none. */
  lastStatus: string | null;
  /** heartbeat_interval promised by that heartbeat, seconds. */
  intervalS: number;
  /** Sum of the drop/loss counters in that heartbeat (cumulative since the agent started). */
  drops: number;
  /** How much they grew with that heartbeat: the analyzer was losing data when last heard of. */
  dropsNew: number;
  name: string | null;
  /** analyzer[0].node of that heartbeat: what the sender CLAIMS (shown as such in alerts). */
  node: HealthNode | null;
  /** The client registration that sent it (target of health alerts); null before 0006. */
  clientId: string | null;
  clientName: string | null;
  /** Hourly alert budget: UTC hour (epoch ms / 1 h) it counts, alerts stored in that hour. */
  alertHour: number;
  alertsInHour: number;
  /** Alerts over the budget not stored since the last stored one (shown in the next), and ever. */
  alertsSuppressed: number;
  alertsSuppressedTotal: number;
}

/** The clients row that delivered a heartbeat: who the analyzer is, as the operator registered it. */
export interface Registration {
  clientId: string;
  clientName: string;
}

/** IDMEF Node, as much of it as a health alert repeats. */
export interface HealthNode {
  name?: string;
  location?: string;
  category?: string;
  address?: { address: string; category?: string }[];
}

/** The facts of one heartbeat that health needs (extracted by facts.ts). */
export interface HeartbeatFacts {
  analyzerid: string;
  messageid: string;
  createMs: number;
  status: string | null;
  intervalS: number;
  drops: number;
  /** Its "error" additional_data (why a `failed` analyzer failed), if any. */
  error: string | null;
  name: string | null;
  node: HealthNode | null;
  /** The client that delivered it (null when ingestion did not say). */
  client: Registration | null;
}

export interface HealthEvent {
  kind: HealthEventKind;
  severity: Severity;
  /** When it happened (server clock): the heartbeat's receive time, or the missed deadline. */
  at: number;
  /** What caused it, unique per event of a kind: the heartbeat messageid (for `missing`: the
   * last heartbeat before the silence). Deterministic alert ids are derived from it. */
  trigger: string;
  previous: HealthState | null;
  /** The analyzer as it is after the transition. */
  analyzer: AnalyzerHealth;
  /** For `late`: the gap between the two heartbeats, ms. */
  gapMs?: number;
  /** For `failed`: the reason the analyzer gave. */
  reason?: string;
  /** How many events of this kind the same request raised (only the first becomes an alert). */
  repeats?: number;
  /** Alerts over the hourly budget not stored since the previous stored one. */
  suppressedBefore?: number;
}

export interface Transition {
  next: AnalyzerHealth;
  events: HealthEvent[];
}

export interface HealthRules {
  marginMs: number;
  /** heartbeat_interval beyond this is not believed: missing detection uses this cap, seconds. */
  maxIntervalS: number;
}

export const SEVERITY: Record<HealthEventKind, Severity> = {
  missing: "medium",
  resumed: "info",
  failed: "high",
  restart: "low",
  late: "low",
};

/** The moment an online analyzer's next heartbeat is due (without margin); null = not watched. */
export function dueAt(h: Pick<AnalyzerHealth, "state" | "lastSeen" | "intervalS">): number | null {
  return h.state === "online" ? h.lastSeen + h.intervalS * 1000 : null;
}

/** The moment the cron declares it missing: due + margin. */
export function missingAt(h: AnalyzerHealth, rules: HealthRules): number | null {
  const due = dueAt(h);
  return due === null ? null : due + rules.marginMs;
}

/**
 * A heartbeat arriving later than interval + this is "late" (Prelude's heartbeat analysis:
 * unexpected interval) even though the cron has not (yet) declared the analyzer missing. Half the
 * margin: clearly abnormal jitter, still short of missing.
 */
export function lateAfterMs(intervalS: number, rules: HealthRules): number {
  return intervalS * 1000 + Math.max(1000, rules.marginMs / 2);
}

function stateForStatus(status: string | null): HealthState {
  if (status === "exiting") return "offline";
  if (status === "failed") return "failed";
  return "online";
}

/** Ordering time of a heartbeat: its create_time, but never after it arrived. */
export function orderTime(createMs: number, receivedAt: number): number {
  return Math.min(createMs, receivedAt);
}

/** Newer than the last applied: by ordering time, then (same ordering time) by create_time. */
function isNewer(hb: HeartbeatFacts, receivedAt: number, prev: AnalyzerHealth): boolean {
  const mine = orderTime(hb.createMs, receivedAt);
  const theirs = orderTime(prev.lastCreateMs, prev.lastSeen);
  return mine > theirs || (mine === theirs && hb.createMs > prev.lastCreateMs);
}

/**
 * Applies a heartbeat received at `receivedAt`. Returns null when health must ignore it: the same
 * heartbeat again, or one older (ordering time, see `orderTime`) than the last applied.
 */
export function onHeartbeat(
  prev: AnalyzerHealth | null,
  hb: HeartbeatFacts,
  receivedAt: number,
  rules: HealthRules,
): Transition | null {
  if (prev !== null && (hb.messageid === prev.lastMessageid || !isNewer(hb, receivedAt, prev))) return null;

  const state = stateForStatus(hb.status);
  const next: AnalyzerHealth = {
    analyzerid: hb.analyzerid,
    state,
    since: prev !== null && prev.state === state ? prev.since : receivedAt,
    lastSeen: receivedAt,
    lastCreateMs: hb.createMs,
    lastMessageid: hb.messageid,
    lastStatus: hb.status,
    intervalS: Math.min(hb.intervalS, rules.maxIntervalS),
    drops: hb.drops,
    // Counters restart with the agent (`starting`) or when they went down; otherwise the increase.
    dropsNew: prev === null || hb.status === "starting" || hb.drops < prev.drops ? hb.drops : hb.drops - prev.drops,
    name: hb.name ?? prev?.name ?? null,
    node: hb.node ?? prev?.node ?? null,
    clientId: hb.client?.clientId ?? prev?.clientId ?? null,
    clientName: hb.client?.clientName ?? prev?.clientName ?? null,
    alertHour: prev?.alertHour ?? 0,
    alertsInHour: prev?.alertsInHour ?? 0,
    alertsSuppressed: prev?.alertsSuppressed ?? 0,
    alertsSuppressedTotal: prev?.alertsSuppressedTotal ?? 0,
  };
  const events: HealthEvent[] = [];
  const raise = (kind: HealthEventKind, extra: Partial<HealthEvent> = {}) =>
    events.push({ kind, severity: SEVERITY[kind], at: receivedAt, trigger: hb.messageid, previous: prev?.state ?? null, analyzer: next, ...extra });

  if (prev === null) {
    // First heartbeat we ever see: nothing to compare with, only a failure is news.
    if (state === "failed") raise("failed", hb.error ? { reason: hb.error } : {});
    return { next, events };
  }
  // Back from silence or from a failure: close the incident for whoever got the first alert.
  if (prev.state === "missing" || (prev.state === "failed" && state !== "failed")) raise("resumed");
  if (state === "failed" && prev.state !== "failed") raise("failed", hb.error ? { reason: hb.error } : {});
  // `starting` without a prior `exiting` = it died without saying so (crash, kill -9, reboot).
  // After a reported failure the restart is expected: `failed` already said it.
  if (hb.status === "starting" && prev.lastStatus !== "exiting" && prev.state !== "failed" && prev.state !== "offline") {
    raise("restart");
  }
  // Late, but the cron did not declare it missing (yet): only between two heartbeats of one run.
  if (prev.state === "online" && hb.status !== "starting") {
    const gapMs = receivedAt - prev.lastSeen;
    if (gapMs > lateAfterMs(prev.intervalS, rules)) raise("late", { gapMs });
  }
  return { next, events };
}

/**
 * The cron's input: is this analyzer past its deadline at `now`? Returns null when nothing
 * changes. The analyzer counts as missing from the deadline itself, not from when the cron ran.
 */
export function onDeadline(prev: AnalyzerHealth, now: number, rules: HealthRules): Transition | null {
  const deadline = missingAt(prev, rules);
  if (deadline === null || now < deadline) return null;
  const next: AnalyzerHealth = { ...prev, state: "missing", since: deadline };
  // Losing data right before going silent suggests the host is overwhelmed or under attack.
  const severity: Severity = prev.dropsNew > 0 ? "high" : SEVERITY.missing;
  return {
    next,
    events: [{ kind: "missing", severity, at: deadline, trigger: prev.lastMessageid, previous: prev.state, analyzer: next }],
  };
}
