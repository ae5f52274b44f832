/** Measures D1 bytes per analyzer-day of heartbeat history, raw (rows, indexes, stream entries,
 *  through the real ingest path) vs rolled up (migration 0010), for the README. Its own file: the
 *  roll-up must see only these heartbeats. */
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { runHeartbeatRollup } from "../../worker/src/rollup/heartbeats.ts";
import { heartbeat, makeClient, postMessages } from "./helpers.ts";

async function size(): Promise<number> {
  return (await env.DB.prepare("SELECT 1").run()).meta.size_after ?? 0;
}

it("bytes per analyzer-day of heartbeat history: raw vs rolled up", async () => {
  const analyzers = 20;
  const perDay = 144; // the agent's default heartbeat_interval, 600 s
  const day0 = Date.UTC(2030, 0, 1);
  const r0 = await size();
  for (let a = 0; a < analyzers; a++) {
    const agent = await makeClient(["idmef:w"]);
    const beats = Array.from({ length: perDay }, (_, i) => heartbeat(agent.analyzerId!, i === 0 ? "starting" : "running", day0 + i * 600_000 + a, { records: i, events: i, alerts: 0 }));
    const res = await postMessages(agent, beats);
    expect(res.status).toBe(200);
  }
  const raw = ((await size()) - r0) / analyzers;
  const u0 = await size();
  // Everything received so far is rolled up (received_at is the wall clock; "now" is far after it).
  const r = await runHeartbeatRollup(env.DB, Date.now() + 3 * 3_600_000, 60_000, 0, { ms: Number.MAX_SAFE_INTEGER, elapsed: () => 0 });
  expect(r.buckets).toBeGreaterThanOrEqual(analyzers * 24);
  const rolled = ((await size()) - u0) / analyzers;
  console.log(`D1 bytes per analyzer-day of heartbeats (${perDay}/day): raw ${raw.toFixed(0)} (rows, indexes, stream entries); rolled up ${rolled.toFixed(0)} (24 rows + index) → ${(raw / rolled).toFixed(0)}x`);
  expect(rolled).toBeGreaterThan(0);
  expect(rolled).toBeLessThan(raw / 10);
}, 120_000);
