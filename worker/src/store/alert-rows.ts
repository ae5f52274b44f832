/**
 * Alert rows, pure: the indexed filter columns extracted from an alert, the bulk INSERT text and
 * the JSON chunks bound to it. No D1 types here, so the benchmark's raw-SQLite reference runs
 * exactly these statements in Node.
 */
import type { Alert } from "../../../schema/idmef.ts";

/** Bound JSON per statement: below D1's 2 MB string limit with room for escaping slack. */
export const MAX_CHUNK_BYTES = 1_800_000;

/** One alerts row, in column order (a JSON array: compact inside the bound parameter). */
export type AlertRow = [
  messageid: string,
  detect_time: number, // as claimed; the insert clamps it to received_at
  create_time: number,
  classification: string,
  severity: string | null,
  completion: string | null,
  source_node: string | null,
  target_node: string | null,
  target_user: string | null,
  target_process: string | null,
  target_file: string | null,
  message: string,
];

/** detect_time is stored clamped to received_at (?3): nothing is detected after it arrived, and a
 *  sender's far-future claim must not pin its alert on top of every list. The claim stays in
 *  `message` (the API shows it as claimed_detect_time). */
export const INSERT_ALERTS_SQL = `INSERT OR IGNORE INTO alerts (analyzerid, messageid, detect_time, create_time, received_at,
  classification, severity, completion, source_node, target_node, target_user, target_process, target_file, message)
SELECT ?1, r.value ->> 0, min(r.value ->> 1, ?3), r.value ->> 2, ?3, r.value ->> 3, r.value ->> 4, r.value ->> 5,
  r.value ->> 6, r.value ->> 7, r.value ->> 8, r.value ->> 9, r.value ->> 10, r.value ->> 11
FROM json_each(?2) AS r`;

type IdmefNodeLike = { name?: string; address?: Array<{ address: string }> } | undefined;

function nodeSummary(node: IdmefNodeLike): string | null {
  return node?.name ?? node?.address?.[0]?.address ?? null;
}

export function alertRow(a: Alert, json: string): AlertRow {
  const create = Date.parse(a.create_time);
  const detect = a.detect_time ? Date.parse(a.detect_time) : create;
  const target = a.target?.[0];
  const ids = target?.user?.user_id ?? [];
  const user = ids.find((u) => u.type === "target-user") ?? ids[0];
  const file = target?.file?.[0];
  const impact = a.assessment?.impact;
  return [
    a.messageid,
    detect,
    create,
    a.classification.text,
    impact?.severity ?? null,
    impact?.completion ?? null,
    nodeSummary(a.source?.[0]?.node),
    nodeSummary(target?.node),
    user ? (user.name ?? (user.number !== undefined ? String(user.number) : null)) : null,
    target?.process ? (target.process.path ?? target.process.name) : null,
    file ? (file.path ?? file.name) : null,
    json,
  ];
}

/** Splits rows into JSON array strings, each under MAX_CHUNK_BYTES. */
export function chunkRows<T>(rows: T[], maxBytes = MAX_CHUNK_BYTES): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let size = 2;
  for (const row of rows) {
    const s = JSON.stringify(row);
    const n = utf8Length(s) + 1;
    if (parts.length > 0 && size + n > maxBytes) {
      chunks.push(`[${parts.join(",")}]`);
      parts = [];
      size = 2;
    }
    parts.push(s);
    size += n;
  }
  if (parts.length > 0) chunks.push(`[${parts.join(",")}]`);
  return chunks;
}

/** Keeps alerts_received exact: `changes()` is the row count of the alert insert just before it. */
export const ANALYZER_FROM_ALERTS_SQL = `INSERT INTO analyzers (analyzerid, name, model, class, node_name, client_id, alerts_received, last_alert_at, first_seen_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, changes(), ?7, ?7, ?7)
ON CONFLICT (analyzerid) DO UPDATE SET
  alerts_received = alerts_received + excluded.alerts_received,
  last_alert_at = excluded.last_alert_at,
  updated_at = excluded.updated_at,
  client_id = excluded.client_id,
  name = coalesce(name, excluded.name),
  model = coalesce(model, excluded.model),
  class = coalesce(class, excluded.class),
  node_name = coalesce(node_name, excluded.node_name)`;

const NON_ASCII = /[^\x00-\x7f]/;

/** UTF-8 byte length without encoding the string (ASCII, the common case, in one native scan). */
export function utf8Length(s: string): number {
  if (!NON_ASCII.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}
