/** Measures D1 bytes per stored alert and per heartbeat (rows + indexes + stream entry) through
 *  the real ingest path; the README's capacity figures and the heartbeat-history decision use it. */
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { alert, heartbeat, makeClient, postMessages } from "./helpers.ts";

async function size(): Promise<number> {
  return (await env.DB.prepare("SELECT 1").run()).meta.size_after ?? 0;
}

it("bytes per alert and per heartbeat in D1", async () => {
  const agent = await makeClient(["idmef:w"]);
  const n = 4000;
  const a0 = await size();
  for (let i = 0; i < n; i += 500) {
    const res = await postMessages(agent, Array.from({ length: 500 }, (_, j) => alert(agent.analyzerId!, i + j)));
    expect(res.status).toBe(200);
  }
  const perAlert = ((await size()) - a0) / n;
  const h0 = await size();
  const t = Date.now() - n * 600_000;
  for (let i = 0; i < n; i += 500) {
    const res = await postMessages(agent, Array.from({ length: 500 }, (_, j) => heartbeat(agent.analyzerId!, "running", t + (i + j) * 600_000, { records: i + j, events: i, alerts: j })));
    expect(res.status).toBe(200);
  }
  const perHeartbeat = ((await size()) - h0) / n;
  const msg = JSON.stringify(heartbeat(agent.analyzerId!, "running", t, { records: 1, events: 1, alerts: 1 })).length;
  console.log(`D1 bytes per alert ${perAlert.toFixed(0)} (message ${JSON.stringify(alert("x", 1)).length} B); per heartbeat ${perHeartbeat.toFixed(0)} (message ${msg} B)`);
  expect(perAlert).toBeGreaterThan(100);
  expect(perHeartbeat).toBeGreaterThan(100);
}, 120_000);
