/**
 * Idempotency at the statement itself. A re-sent message is normally filtered before it reaches
 * the INSERT (heartbeats: the stored ids are read first); two requests carrying the same message
 * at once both pass that read, and then only INSERT OR IGNORE on (analyzerid, messageid) keeps
 * the first copy and reports the second as no change (= duplicate). Driven here directly, since a
 * local Worker does not interleave two requests reliably enough to show the race.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Alert, Heartbeat } from "../../schema/idmef.ts";
import { alertRow, insertAlertStatements } from "../../worker/src/store/alerts.ts";
import { heartbeatDetails, insertHeartbeatStatements } from "../../worker/src/store/heartbeats.ts";
import { alert, heartbeat, uniq } from "./helpers.ts";

const changes = async (stmts: D1PreparedStatement[]) => (await env.DB.batch(stmts)).reduce((n, r) => n + r.meta.changes, 0);

describe("the INSERTs keep the first copy of a message and count a second as no change", () => {
  it("heartbeats", async () => {
    const analyzerid = uniq("an");
    const first = heartbeat(analyzerid, "running", Date.now()).heartbeat as Heartbeat;
    const again = { ...first, heartbeat_interval: 60 }; // same id, different content
    const row = (hb: Heartbeat) => heartbeatDetails(hb, JSON.stringify({ version: "1.0", heartbeat: hb }));
    expect(await changes(insertHeartbeatStatements(env.DB, analyzerid, [row(first)], 1000))).toBe(1);
    expect(await changes(insertHeartbeatStatements(env.DB, analyzerid, [row(again)], 2000))).toBe(0);
    const stored = await env.DB.prepare("SELECT heartbeat_interval, received_at FROM heartbeats WHERE analyzerid = ?").bind(analyzerid).all();
    expect(stored.results).toEqual([{ heartbeat_interval: 600, received_at: 1000 }]);
  });

  it("alerts", async () => {
    const analyzerid = uniq("an");
    const first = alert(analyzerid, 1).alert as unknown as Alert;
    const again = { ...first, classification: { text: "changed" } };
    const row = (a: Alert) => alertRow(a, JSON.stringify({ version: "1.0", alert: a }));
    expect(await changes(insertAlertStatements(env.DB, analyzerid, [row(first)], 1000))).toBe(1);
    expect(await changes(insertAlertStatements(env.DB, analyzerid, [row(again)], 2000))).toBe(0);
    const stored = await env.DB.prepare("SELECT classification, received_at FROM alerts WHERE analyzerid = ?").bind(analyzerid).all();
    expect(stored.results).toEqual([{ classification: "Failed login", received_at: 1000 }]);
  });
});
