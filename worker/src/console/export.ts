/**
 * Export of the current filter: CSV (the table's columns) or JSON lines (one stored IDMEF message
 * per line). Streamed page by page through the same keyset search as the list, up to EXPORT_MAX.
 * CSV cells that a spreadsheet would run as a formula (= + - @ tab CR) get a leading quote.
 */
import type { AlertView } from "../../../schema/api.ts";
import { searchAlerts } from "../store/queries.ts";
import type { AggregateFilter } from "../store/aggregate.ts";

export const EXPORT_MAX = 50_000;
const PAGE = 500;
const CSV_COLUMNS = ["detect_time", "severity", "classification", "analyzerid", "messageid", "completion", "source_node", "target_node", "target_user", "target_process", "target_file"] as const;

export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const csvLine = (a: AlertView) => CSV_COLUMNS.map((k) => csvCell(a[k])).join(",") + "\r\n";
const jsonLine = (a: AlertView) => JSON.stringify(a.message) + "\n";

export function exportStream(db: D1Database, filter: AggregateFilter, format: "csv" | "jsonl"): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let cursor: string | undefined;
  let sent = 0;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started && format === "csv") controller.enqueue(enc.encode(CSV_COLUMNS.join(",") + "\r\n"));
      started = true;
      const page = await searchAlerts(db, { ...filter, limit: Math.min(PAGE, EXPORT_MAX - sent), cursor });
      controller.enqueue(enc.encode(page.alerts.map(format === "csv" ? csvLine : jsonLine).join("")));
      sent += page.alerts.length;
      cursor = page.cursor ?? undefined;
      if (!page.cursor || sent >= EXPORT_MAX) controller.close();
    },
  });
}
