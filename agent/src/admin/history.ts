/**
 * idmef-admin export and status. Export pages through GET /v1/export and writes each page before
 * asking for the next, so a year of alerts is never held in memory. jsonl = one IDMEF message per
 * line: `{"analyzerid","messageid","received_at","triage","message"}` with the IDMEF message
 * embedded exactly as the server received it (its bytes untouched) and the console's triage state
 * beside it (null = never triaged); csv = a summary row per alert with triage columns.
 */
import type { AdminApi } from "./api.ts";
import { csvCell } from "./csv.ts";
import type { Output } from "./commands.ts";
import { table } from "./format.ts";

export interface ExportOptions {
  since: string;
  until: string;
  analyzer?: string;
  format: "jsonl" | "csv";
  out: (s: string) => void;
}

interface ExportedAlert {
  analyzerid: string;
  messageid: string;
  detect_time: string;
  received_at: string;
  triage: { status: string; reason: string | null; note: string | null; actor: string; at: string } | null;
  message: string;
}

export const EXPORT_CSV_HEADER = "detect_time,analyzerid,messageid,classification,severity,received_at,triage_status,triage_reason,triage_note,triage_actor,triage_at";

/** One jsonl line: the message is JSON text and goes in verbatim, after the fields about it. */
function jsonlLine(a: ExportedAlert): string {
  const head = JSON.stringify({ analyzerid: a.analyzerid, messageid: a.messageid, received_at: a.received_at, triage: a.triage });
  return `${head.slice(0, -1)},"message":${a.message}}\n`;
}

function csvRow(a: ExportedAlert): string {
  let classification: string | undefined;
  let severity: string | undefined;
  try {
    const m = JSON.parse(a.message) as { alert?: { classification?: { text?: string }; assessment?: { impact?: { severity?: string } } } };
    classification = m.alert?.classification?.text;
    severity = m.alert?.assessment?.impact?.severity;
  } catch {
    // stored messages are JSON; an unreadable one still gets its ids
  }
  const t = a.triage;
  return [a.detect_time, a.analyzerid, a.messageid, classification, severity, a.received_at, t?.status ?? "open", t?.reason, t?.note, t?.actor, t?.at]
    .map((v) => csvCell(v ?? undefined)).join(",") + "\n";
}

/** Returns how many alerts were written. */
export async function exportAlerts(api: AdminApi, o: ExportOptions): Promise<number> {
  let cursor: string | null = null;
  let n = 0;
  if (o.format === "csv") o.out(EXPORT_CSV_HEADER + "\n");
  do {
    const q = new URLSearchParams({ since: o.since, until: o.until, limit: "5000" });
    if (o.analyzer) q.set("analyzerid", o.analyzer);
    if (cursor) q.set("cursor", cursor);
    const page: { alerts: ExportedAlert[]; cursor: string | null } = await api.call("GET", `/v1/export?${q}`);
    o.out(page.alerts.map((a) => (o.format === "jsonl" ? jsonlLine(a) : csvRow(a))).join(""));
    n += page.alerts.length;
    cursor = page.cursor;
  } while (cursor);
  return n;
}

interface Status {
  database: { size_bytes: number; limit_bytes: number; used_percent: number; rows: Record<string, number> };
  alerts_per_day: Array<{ day: string; alerts: number }>;
  projection: { alerts_per_day: number; bytes_per_alert: number | null; bytes_per_day: number | null; full_on: string | null };
  archive: { configured: boolean; objects: number; bytes: number; ndjson_bytes: number; alerts: number; oldest_hour: string | null; newest_hour: string | null };
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export async function status(api: AdminApi, o: Output): Promise<void> {
  const s = await api.call<Status>("GET", "/v1/status");
  if (o.json) return o.out(JSON.stringify(s, null, 2) + "\n");
  const d = s.database;
  const p = s.projection;
  o.out(
    `database: ${mb(d.size_bytes)} of ${mb(d.limit_bytes)} (${d.used_percent}%)\n` +
      table(["TABLE", "ROWS"], Object.entries(d.rows)) +
      table(["DAY", "ALERTS"], s.alerts_per_day.map((x) => [x.day, x.alerts])) +
      `rate: ${p.alerts_per_day} alerts/day, ${p.bytes_per_alert ?? "-"} bytes/alert; without the archive the database would be full on ${p.full_on ?? "- (no growth)"}\n` +
      (s.archive.configured
        ? `archive: ${s.archive.objects} objects, ${mb(s.archive.bytes)} (${mb(s.archive.ndjson_bytes)} NDJSON), ${s.archive.alerts} alerts, ${s.archive.oldest_hour ?? "-"} .. ${s.archive.newest_hour ?? "-"}\n`
        : "archive: not configured (no ARCHIVE binding)\n"),
  );
}
