/** Archive tests: alerts seeded straight into local D1 (json_each bulk inserts), and R2 checks. */
import { env } from "cloudflare:test";
import { gunzip, parseLines, type ArchivedAlert } from "../../worker/src/archive/format.ts";
import { chunkRows } from "../../worker/src/store/alert-rows.ts";
import { STREAM_NEW_ALERTS_SQL } from "../../worker/src/stream/log.ts";

export const DAY = 86_400_000;

export interface Seeded {
  analyzerid: string;
  messageid: string;
  detect_time: number;
  received_at: number;
  message: string;
}

/** A compact IDMEF alert; odd ones carry non-ASCII and escapes, which the archive must keep byte for byte. */
export function makeAlert(analyzerid: string, messageid: string, detect: number, i: number): Seeded {
  const t = new Date(detect).toISOString().replace("Z", "+00:00");
  const message = JSON.stringify({
    version: "1.0",
    alert: {
      messageid,
      analyzer: [{ analyzerid, name: "idmef-agent", node: { name: `host-${i % 97}` } }],
      create_time: t,
      detect_time: t,
      classification: { text: i % 2 ? "Failed login \u00e9\u4e2d \"quoted\"\n" : "Failed login" },
      assessment: { impact: { severity: ["low", "medium", "high"][i % 3], completion: "failed" } },
      additional_data: [{ meaning: "audit serial", type: "integer", data: i }],
    },
  });
  return { analyzerid, messageid, detect_time: detect, received_at: detect + 1000, message };
}

/** Inserts the alerts (and their stream entries, as ingestion does) in bulk statements. */
export async function seedAlerts(rows: Seeded[]): Promise<void> {
  const chunks = chunkRows(rows.map((r) => [r.analyzerid, r.messageid, r.detect_time, r.received_at, r.message]));
  const insert = env.DB.prepare(`INSERT OR IGNORE INTO alerts (analyzerid, messageid, detect_time, create_time, received_at, classification, message)
    SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 2, r.value ->> 3, 'Failed login', r.value ->> 4 FROM json_each(?1) AS r`);
  for (let i = 0; i < chunks.length; i += 10) {
    const batch = chunks.slice(i, i + 10).flatMap((c) => [insert.bind(c), env.DB.prepare(STREAM_NEW_ALERTS_SQL)]);
    await env.DB.batch(batch);
  }
}

export interface RegisteredObject {
  key: string;
  hour: number;
  part: number;
  alerts: number;
  bytes: number;
  raw_bytes: number;
  sha256: string;
}

export async function registered(): Promise<RegisteredObject[]> {
  return (await env.DB.prepare("SELECT * FROM archive_objects ORDER BY hour, part").all<RegisteredObject>()).results;
}

export async function bucketKeys(): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.ARCHIVE!.list({ prefix: "alerts/", cursor });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return keys.sort();
}

export async function objectLines(key: string): Promise<ArchivedAlert[]> {
  const obj = await env.ARCHIVE!.get(key);
  return parseLines(await gunzip(obj!.body));
}

export async function hotAlerts(): Promise<Array<{ analyzerid: string; messageid: string; detect_time: number; message: string }>> {
  return (await env.DB.prepare("SELECT analyzerid, messageid, detect_time, message FROM alerts").all<{ analyzerid: string; messageid: string; detect_time: number; message: string }>()).results;
}

export const noBudgetLimit = { ms: Number.MAX_SAFE_INTEGER, elapsed: () => 0 };
