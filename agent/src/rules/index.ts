/**
 * The mapper: whole audit events in, IDMEF alert messages out (SPEC 2.3, RULES.md).
 * Dispatch is by record type through a table built once, so an event whose records no rule
 * registered for costs a few map lookups (plus the SYSCALL key check); fields are read only by
 * the rules that fire. One event yields at most one alert per rule id.
 */
import type { AlertMessage, Analyzer } from "../../../schema/idmef.ts";
import type { AuditEvent, Clock } from "../types.ts";
import type { AgentConfig, KeyRule } from "../config.ts";
import { buildAlert, type Hit } from "../idmef/build.ts";
import { agentNodeName, analyzerInfo, localHostInfo, type HostInfo } from "../idmef/analyzer.ts";
import { EventView, eventKeyText } from "./context.ts";
import type { RuleFn, RuleTable } from "./types.ts";
import { LOGIN_RULES } from "./login.ts";
import { MAC_RULES } from "./mac.ts";
import { ANOMALY_RULES } from "./anomaly.ts";
import { ACCOUNT_RULES } from "./account.ts";
import { AUDIT_RULES } from "./audit.ts";
import { idsKeyHits, keyRuleHits, keylogger } from "./keys.ts";

export { RULE_IDS } from "./ids.ts";

export const RULE_TABLES: readonly RuleTable[] = [
  LOGIN_RULES,
  MAC_RULES,
  ANOMALY_RULES,
  ACCOUNT_RULES,
  AUDIT_RULES,
  [[["TTY", "USER_TTY"], keylogger]],
];

export interface MapperCounters {
  events: number;
  alerts: number;
  /** Events that produced no alert (counted, not sent). */
  unmapped: number;
  /**
   * Rule invocations that threw (a bug, never expected): the rule is skipped for that event and
   * the agent keeps running; the last error is kept for the log.
   */
  ruleErrors: number;
  lastRuleError?: string;
  alertsByRule: Record<string, number>;
}

export interface Mapper {
  /** Alerts for one event (possibly none). */
  map(event: AuditEvent): AlertMessage[];
  readonly counters: MapperCounters;
  readonly analyzer: Analyzer;
}

export interface MapperOptions {
  config: AgentConfig;
  clock: Clock;
  /** Host facts for analyzer[0] and events without `node=`; defaults to this machine's. */
  host?: HostInfo;
}

function dispatchTable(): Map<string, RuleFn[]> {
  const byType = new Map<string, RuleFn[]>();
  for (const table of RULE_TABLES) {
    for (const [types, fn] of table) {
      for (const t of types) {
        const list = byType.get(t);
        if (list) list.push(fn);
        else byType.set(t, [fn]);
      }
    }
  }
  return byType;
}

/** The text of a `mode = all` alert: the event's key, else its first record's type. */
function allEventsHit(v: EventView, keys: readonly string[]): Hit {
  const first = v.records[0];
  const primary = v.syscall() ?? first;
  const completion = v.completion(primary);
  return {
    rule: "all-events",
    text: keys.length > 0 ? keys[0] : (primary?.type ?? "audit event"),
    severity: "info",
    type: "other",
    ...(completion ? { completion } : {}),
    source: [v.actor(primary)],
    target: [v.nodeTarget(true)],
  };
}

const NO_KEYS: readonly string[] = Object.freeze([]);
/** Shared empty result (frozen: a caller cannot add to it by mistake). */
const NO_ALERTS = Object.freeze([]) as unknown as AlertMessage[];
const IDS_PREFIX = /(^|\x01)ids-/i;

/** Adds a finding unless its rule is off or already fired for this event (one alert per rule). */
function addHit(hits: Hit[] | null, h: Hit | null, disabled: ReadonlySet<string>): Hit[] | null {
  if (h === null || disabled.has(h.rule)) return hits;
  if (hits === null) return [h];
  for (const x of hits) if (x.rule === h.rule) return hits;
  hits.push(h);
  return hits;
}

export function createMapper({ config, clock, host = localHostInfo() }: MapperOptions): Mapper {
  const analyzer = analyzerInfo(config, host);
  const hostNode = agentNodeName(config, host);
  const disabled = config.disabled_rules;
  const byType = dispatchTable();
  const keyRules = new Map<string, KeyRule>();
  for (const kr of config.key_rules) if (!keyRules.has(kr.key)) keyRules.set(kr.key, kr);
  const idsEnabled = ["ids-sys", "ids-file", "ids-exec", "ids-mkexe"].some((id) => !disabled.has(id));
  const keysWanted = idsEnabled || keyRules.size > 0 || config.mode === "all";
  const counters: MapperCounters = { events: 0, alerts: 0, unmapped: 0, ruleErrors: 0, alertsByRule: {} };

  /** One rule on one record; a throw is counted, not propagated (it would stop the agent). */
  function run(fn: RuleFn, r: AuditEvent["records"][number], v: EventView): Hit | null {
    try {
      return fn(r, v, config);
    } catch (err) {
      counters.ruleErrors++;
      counters.lastRuleError = `${fn.name} on ${r.type} serial ${r.serial}: ${(err as Error)?.message ?? String(err)}`;
      return null;
    }
  }

  function map(event: AuditEvent): AlertMessage[] {
    counters.events++;
    // Most events match nothing: create nothing for them but what the checks need.
    let v: EventView | null = null;
    let hits: Hit[] | null = null;
    const records = event.records;
    for (let i = 0; i < records.length; i++) {
      const fns = byType.get(records[i].type);
      if (fns === undefined) continue;
      v ??= new EventView(event, hostNode);
      for (const fn of fns) hits = addHit(hits, run(fn, records[i], v), disabled);
    }
    let keys: readonly string[] = NO_KEYS;
    if (keysWanted || hits !== null) {
      const keyText = eventKeyText(event);
      if (
        keyText !== undefined &&
        (hits !== null || keyRules.size > 0 || config.mode === "all" || (idsEnabled && IDS_PREFIX.test(keyText)))
      ) {
        v ??= new EventView(event, hostNode);
        keys = v.keys();
        if (idsEnabled) for (const h of idsKeyHits(v, keys)) hits = addHit(hits, h, disabled);
        if (keyRules.size > 0) for (const h of keyRuleHits(v, keys, keyRules)) hits = addHit(hits, h, disabled);
      }
    }
    if (hits === null && config.mode === "all" && records.length > 0) {
      v ??= new EventView(event, hostNode);
      hits = addHit(hits, allEventsHit(v, keys), disabled);
    }
    if (hits === null) {
      counters.unmapped++;
      return NO_ALERTS;
    }
    const found: Hit[] = hits;
    const ctx = { analyzer, hostNode, includeRaw: config.include_raw, now: clock() };
    const out: AlertMessage[] = [];
    for (const h of found) {
      out.push(buildAlert(h, event, keys, ctx));
      counters.alerts++;
      counters.alertsByRule[h.rule] = (counters.alertsByRule[h.rule] ?? 0) + 1;
    }
    return out;
  }

  return { map, counters, analyzer };
}
