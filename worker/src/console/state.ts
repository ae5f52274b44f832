/**
 * The alerts page's state lives in the URL (deep links and bookmarks are the saved searches):
 * range (1h|24h|7d|30d|today|yesterday|custom + from/to), filters named as in GET /v1/alerts,
 * group-by field, page cursor, time zone of the display (tz=local; UTC by default). Links are built with URLSearchParams, so a value from an alert only
 * ever travels URL-encoded inside a query parameter of our own routes.
 */
import { AlertsQuerySchema, GROUP_FIELDS } from "../../../schema/api.ts";
import { alertFilter, parseQuery } from "../routes/request.ts";
import type { AggregateFilter, GroupField } from "../store/aggregate.ts";

export const RANGES = ["1h", "24h", "7d", "30d", "today", "yesterday", "custom"] as const;
export type RangeName = (typeof RANGES)[number];
export const FILTER_KEYS = ["severity", "classification", "analyzerid", "source_node", "target_user", "target_process", "target_file", "completion", "triage"] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ConsoleState {
  range: RangeName;
  since: number;
  until: number;
  /** Raw filter values as in the URL (validated by the API's own schema). */
  filters: Partial<Record<(typeof FILTER_KEYS)[number], string>>;
  group: GroupField | null;
  cursor: string | undefined;
  /** How times are shown: UTC (the server renders it) or the browser's zone (app.js rewrites). */
  tz: "utc" | "local";
}

/** [since, until) of a named range at `now` (UTC days for today/yesterday). */
export function rangeBounds(range: RangeName, now: number, from?: string, to?: string): [number, number] {
  const midnight = Math.floor(now / DAY) * DAY;
  switch (range) {
    case "1h": return [now - HOUR, now + 1];
    case "7d": return [now - 7 * DAY, now + 1];
    case "30d": return [now - 30 * DAY, now + 1];
    case "today": return [midnight, midnight + DAY];
    case "yesterday": return [midnight - DAY, midnight];
    case "custom": {
      const s = from ? Date.parse(from) : NaN;
      const u = to ? Date.parse(to) : NaN;
      if (Number.isFinite(s) && Number.isFinite(u) && s < u) return [s, u];
      return [now - DAY, now + 1];
    }
    default: return [now - DAY, now + 1];
  }
}

/** Default triage view: acknowledged and closed alerts hidden (the "show all" toggle clears it). */
export const DEFAULT_TRIAGE = "open";

export function readState(query: Record<string, string>, now: number): ConsoleState {
  const range = (RANGES as readonly string[]).includes(query.range) ? (query.range as RangeName) : "24h";
  const [since, until] = rangeBounds(range, now, query.from, query.to);
  const filters: ConsoleState["filters"] = {};
  for (const k of FILTER_KEYS) if (query[k]) filters[k] = query[k];
  // Absent = the default (open only); present but empty = every status (the "show all" toggle).
  filters.triage = query.triage === undefined ? DEFAULT_TRIAGE : query.triage;
  const group = (GROUP_FIELDS as readonly string[]).includes(query.group) ? (query.group as GroupField) : null;
  return { range, since, until, filters, group, cursor: query.cursor || undefined, tz: query.tz === "local" ? "local" : "utc" };
}

/** The store filter of a state, through the same schema and parser as GET /v1/alerts. */
export function stateFilter(s: ConsoleState): AggregateFilter {
  const set = Object.fromEntries(Object.entries(s.filters).filter(([, v]) => v !== ""));
  const q = parseQuery(AlertsQuerySchema, { ...set, since: String(s.since), until: String(s.until) }, "console filter");
  return alertFilter(q);
}

/** The URL query of a state, with changes (`null` removes a key). */
export function stateQuery(s: ConsoleState, change: Record<string, string | null> = {}): string {
  const p = new URLSearchParams();
  p.set("range", s.range);
  if (s.range === "custom") {
    p.set("from", new Date(s.since).toISOString());
    p.set("to", new Date(s.until).toISOString());
  }
  for (const [k, v] of Object.entries(s.filters)) if (v !== undefined) p.set(k, v);
  if (s.group) p.set("group", s.group);
  if (s.tz === "local") p.set("tz", "local");
  for (const [k, v] of Object.entries(change)) {
    if (v === null) p.delete(k);
    else p.set(k, v);
  }
  return p.toString();
}

export const alertsHref = (s: ConsoleState, change: Record<string, string | null> = {}) => `/console?${stateQuery(s, change)}`;
