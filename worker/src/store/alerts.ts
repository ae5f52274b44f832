/**
 * Alert storage: the indexed filter columns are extracted here, and a request's alerts are
 * written with `INSERT OR IGNORE ... SELECT FROM json_each(?)` — two bound parameters however
 * many rows, so 1000 messages stay within D1's limits (100 parameters, 100 KB of SQL). Rows are
 * split into several such statements only to keep each bound JSON string under D1's 2 MB value
 * limit. Idempotent by the primary key (analyzerid, messageid).
 */
import type { Alert } from "../../../schema/idmef.ts";
import { utf8Length } from "../validate/messages.ts";

/** Bound JSON per statement: below D1's 2 MB string limit with room for escaping slack. */
export const MAX_CHUNK_BYTES = 1_800_000;

/** One alerts row, in column order (a JSON array: compact inside the bound parameter). */
export type AlertRow = [
  messageid: string,
  detect_time: number,
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

export const INSERT_ALERTS_SQL = `INSERT OR IGNORE INTO alerts (analyzerid, messageid, detect_time, create_time, received_at,
  classification, severity, completion, source_node, target_node, target_user, target_process, target_file, message)
SELECT ?1, r.value ->> 0, r.value ->> 1, r.value ->> 2, ?3, r.value ->> 3, r.value ->> 4, r.value ->> 5,
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

export function insertAlertStatements(db: D1Database, analyzerid: string, rows: AlertRow[], now: number): D1PreparedStatement[] {
  const stmt = db.prepare(INSERT_ALERTS_SQL);
  return chunkRows(rows).map((chunk) => stmt.bind(analyzerid, chunk, now));
}
