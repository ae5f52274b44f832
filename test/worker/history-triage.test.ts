/**
 * Triage goes with the alert: GET /v1/export carries each alert's current triage, for hot alerts and
 * for alerts the archive job has moved to R2 (their triage rows stay in D1 and are joined at export
 * time). Triage of an archived alert changes nothing (`changed: 0`, as for any alert not in D1),
 * and its recorded state and history stay readable, until the archive's retention removes them.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { makeClient, send, uniq, type TestClient } from "./helpers.ts";
import { DAY, makeAlert, noBudgetLimit, seedAlerts } from "./archive-helpers.ts";

const NOW = Date.UTC(2031, 4, 1, 0, 30);

interface Exported {
  messageid: string;
  message: string;
  triage: { status: string; reason: string | null; note: string | null; actor: string; at: string } | null;
}

async function exportOf(reader: TestClient, analyzerid: string): Promise<Exported[]> {
  const out: Exported[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ since: String(NOW - 90 * DAY), until: String(NOW), analyzerid, limit: "3" });
    if (cursor) q.set("cursor", cursor);
    const res = await send(reader, "GET", `/v1/export?${q}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { alerts: Exported[]; cursor: string | null };
    out.push(...page.alerts);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

const triage = (who: TestClient, body: unknown) => send(who, "POST", "/v1/triage", { body: JSON.stringify(body) });

describe("triage in export, hot and archived", () => {
  it("export carries each alert's triage; it survives the move to R2; triage of an archived alert changes nothing", async () => {
    const an = uniq("tri");
    // Four old alerts (the archive takes them) and four recent ones (stay hot).
    const alerts = [
      ...Array.from({ length: 4 }, (_, i) => makeAlert(an, `old-${i}`, NOW - 50 * DAY + i * 60_000, i)),
      ...Array.from({ length: 4 }, (_, i) => makeAlert(an, `new-${i}`, NOW - 2 * DAY + i * 60_000, i)),
    ];
    await seedAlerts(alerts);
    const reader = await makeClient(["idmef:r"]);
    const operator = await makeClient(["idmef:r", "admin:w"], { analyzerId: null });
    const key = (messageid: string) => ({ analyzerid: an, messageid });

    let res = await triage(operator, { status: "acknowledged", alerts: [key("old-1"), key("new-1")] });
    expect(await res.json()).toEqual({ changed: 2 });
    res = await triage(operator, { status: "closed", reason: "benign", note: "backup job <b>", alerts: [key("old-2"), key("new-2")] });
    expect(await res.json()).toEqual({ changed: 2 });

    // The server stamped the changes with the wall clock; this test's clock is NOW.
    for (const t of ["alert_triage", "triage_history"]) await env.DB.prepare(`UPDATE ${t} SET at = ? WHERE analyzerid = ?`).bind(NOW - DAY, an).run();

    const before = await exportOf(reader, an);
    expect(before.map((a) => a.messageid)).toEqual(alerts.map((a) => a.messageid));
    const statusOf = (rows: Exported[]) => rows.map((a) => a.triage?.status ?? "open");
    expect(statusOf(before)).toEqual(["open", "acknowledged", "closed", "open", "open", "acknowledged", "closed", "open"]);
    expect(before[2].triage).toMatchObject({ reason: "benign", note: "backup job <b>", actor: `client:${operator.id}` });
    expect(before.map((a) => a.message)).toEqual(alerts.map((a) => a.message));

    // The cron moves the old four to R2; their triage rows stay in D1.
    const r = await runHealthCron(env, NOW, { history: { budget: noBudgetLimit } });
    expect(r.history!.alertsArchived).toBeGreaterThanOrEqual(4);
    const hot = await env.DB.prepare("SELECT messageid FROM alerts WHERE analyzerid = ? ORDER BY messageid").bind(an).all<{ messageid: string }>();
    expect(hot.results.map((x) => x.messageid)).toEqual(["new-0", "new-1", "new-2", "new-3"]);
    const kept = await env.DB.prepare("SELECT count(*) AS n FROM alert_triage WHERE analyzerid = ?").bind(an).first<{ n: number }>();
    expect(kept!.n).toBe(4);

    const after = await exportOf(reader, an);
    expect(after).toEqual(before);

    // Archived alerts are read-only history: a change finds no alert in D1 and records nothing.
    res = await triage(operator, { status: "open", alerts: [key("old-2")] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ changed: 0 });
    res = await triage(operator, { status: "closed", reason: "true_positive", alerts: [key("new-0")] });
    expect(await res.json()).toEqual({ changed: 1 });
    const hist = await send(reader, "GET", `/v1/alerts/${an}/old-2/triage`);
    expect(((await hist.json()) as { history: unknown[] }).history).toHaveLength(1);
    expect(statusOf(await exportOf(reader, an))).toEqual(["open", "acknowledged", "closed", "open", "closed", "acknowledged", "closed", "open"]);
    await env.DB.prepare("UPDATE alert_triage SET at = ? WHERE analyzerid = ?").bind(NOW - DAY, an).run();
    await env.DB.prepare("UPDATE triage_history SET at = ? WHERE analyzerid = ?").bind(NOW - DAY, an).run();

    // Past ARCHIVE_RETENTION_DAYS (365) the triage goes with the history it belonged to.
    const later = await runHealthCron(env, NOW + 400 * DAY, { history: { budget: noBudgetLimit } });
    expect(later.history!.triagePruned).toBeGreaterThanOrEqual(5);
    for (const t of ["alert_triage", "triage_history"]) {
      expect((await env.DB.prepare(`SELECT count(*) AS n FROM ${t} WHERE analyzerid = ?`).bind(an).first<{ n: number }>())!.n).toBe(0);
    }
  });
});
