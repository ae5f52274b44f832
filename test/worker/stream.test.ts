/** GET /v1/stream: store order, bookmarks, types, and a consumer that follows a delivered backlog. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { alert, heartbeat, makeClient, postMessages, problem, send } from "./helpers.ts";
import { drain, streamPage } from "./stream-helpers.ts";

/** An alert detected `daysAgo` days before now (an agent's spool delivering after an outage). */
function oldAlert(analyzerid: string, i: number, daysAgo: number) {
  const a = alert(analyzerid, i);
  const t = new Date(Date.now() - daysAgo * 86_400_000 + i).toISOString().replace("Z", "+00:00");
  a.alert.create_time = t;
  a.alert.detect_time = t;
  return a;
}

describe("GET /v1/stream", () => {
  it("returns messages in the order they were stored, resumes from the bookmark, and streams a re-send once", async () => {
    const reader = await makeClient(["idmef:r"]);
    const start = await drain(reader, "");
    const agent = await makeClient(["idmef:w"]);
    const first = [alert(agent.analyzerId!, 1), alert(agent.analyzerId!, 2)];
    expect((await postMessages(agent, first)).status).toBe(200);
    const hb = heartbeat(agent.analyzerId!, "running", Date.now());
    expect((await postMessages(agent, [hb, first[0]])).status).toBe(200); // first[0] again: a duplicate
    const got = await drain(reader, start.bookmark);
    expect(got.entries.map((e) => [e.type, e.messageid])).toEqual([
      ["alert", first[0].alert.messageid],
      ["alert", first[1].alert.messageid],
      ["heartbeat", hb.heartbeat.messageid],
    ]);
    // The message is the stored IDMEF JSON.
    expect(got.entries[1].message).toEqual(first[1]);
    expect((await drain(reader, got.bookmark)).entries).toEqual([]);
    const onlyHb = await drain(reader, start.bookmark, "&types=heartbeat");
    expect(onlyHb.entries.map((e) => e.messageid)).toEqual([hb.heartbeat.messageid]);
    expect(onlyHb.bookmark).toBe(got.bookmark);
  });

  it("refuses bad bookmarks and types, and types an admin did not allow", async () => {
    const reader = await makeClient(["idmef:r"]);
    expect((await problem(await send(reader, "GET", "/v1/stream?after=xyz"))).status).toBe(400);
    expect((await problem(await send(reader, "GET", "/v1/stream?types=alert,secrets"))).status).toBe(400);
    const admin = await makeClient(["admin:w"]);
    const put = await send(admin, "PUT", `/v1/clients/${reader.id}/stream-types`, { body: JSON.stringify({ types: ["health"] }) });
    expect(put.status).toBe(200);
    const refused = await problem(await send(reader, "GET", "/v1/stream?types=alert"));
    expect(refused.status).toBe(403);
    expect(refused.type).toContain("stream-type");
    expect((await send(reader, "GET", "/v1/stream?types=health")).status).toBe(200);
    // Without ?types the client gets what it may read; nothing but health entries.
    const all = await drain(reader, "");
    expect(all.entries.every((e) => e.type === "health")).toBe(true);
    expect((await send(reader, "GET", "/v1/stream")).status).toBe(200);
    const writer = await makeClient(["idmef:w"]);
    expect((await send(writer, "GET", "/v1/stream")).status).toBe(403);
    const missing = await send(admin, "PUT", "/v1/clients/nobody/stream-types", { body: JSON.stringify({ types: null }) });
    expect(missing.status).toBe(404);
  });

  it("a consumer following while agents deliver old-dated spooled backlogs receives every stored alert exactly once", async () => {
    const reader = await makeClient(["idmef:r"]);
    let bookmark = (await drain(reader, "")).bookmark;
    const agents = await Promise.all([1, 2, 3].map(() => makeClient(["idmef:w"])));
    const sent = new Set<string>();
    // Each agent delivers 8 batches of 25 alerts, detected 1..8 days ago and then new ones,
    // concurrently with the others and with the consumer's polls.
    const deliveries = agents.map(async (a, ai) => {
      for (let b = 0; b < 8; b++) {
        const batch = Array.from({ length: 25 }, (_, i) => oldAlert(a.analyzerId!, ai * 1000 + b * 25 + i, b % 2 === 0 ? 8 - b : 0));
        const ids = batch.map((m) => m.alert.messageid as string);
        for (const id of ids) sent.add(id);
        const res = await postMessages(a, batch);
        expect(res.status).toBe(200);
        // A retry of the same batch (the agent did not see the answer): duplicates, not new entries.
        if (b === 3) expect(await (await postMessages(a, batch)).json()).toMatchObject({ accepted: 0, duplicates: 25 });
      }
    });
    const received: string[] = [];
    let done = false;
    const all = Promise.all(deliveries).then(() => (done = true));
    while (!done) {
      const page = await streamPage(reader, bookmark, "&types=alert&limit=7");
      received.push(...page.messages.map((m) => m.messageid));
      bookmark = page.bookmark;
    }
    await all;
    const rest = await drain(reader, bookmark, "&types=alert");
    received.push(...rest.entries.map((e) => e.messageid));
    expect(received.length).toBe(sent.size);
    expect([...new Set(received)].sort()).toEqual([...sent].sort());
  });

  it("a bookmark before the pruned part of the log is 410 Gone", async () => {
    const reader = await makeClient(["idmef:r"]);
    const { bookmark } = await drain(reader, "");
    await env.DB.prepare("INSERT INTO archive_state (name, value) VALUES ('stream_pruned_through', 1000000) ON CONFLICT (name) DO UPDATE SET value = 1000000").run();
    try {
      const p = await problem(await send(reader, "GET", `/v1/stream?after=${encodeURIComponent(bookmark)}`));
      expect(p.status).toBe(410);
      expect(p.type).toContain("bookmark-expired");
    } finally {
      await env.DB.prepare("DELETE FROM archive_state WHERE name = 'stream_pruned_through'").run();
    }
  });
});

describe("GET /v1/stream health entries", () => {
  it("health alerts raised by the cron are streamed as type health, after the heartbeat that preceded them", async () => {
    const { runHealthCron } = await import("../../worker/src/health/cron.ts");
    const reader = await makeClient(["idmef:r"]);
    const { bookmark } = await drain(reader, "");
    const agent = await makeClient(["idmef:w"]);
    const hb = heartbeat(agent.analyzerId!, "running", Date.now());
    expect((await postMessages(agent, [hb])).status).toBe(200);
    await runHealthCron(env, Date.now() + 3 * 3_600_000);
    const got = await drain(reader, bookmark, "&types=heartbeat,health");
    const mine = got.entries.filter((e) => e.messageid === hb.heartbeat.messageid || JSON.stringify(e.message).includes(agent.analyzerId!));
    expect(mine.map((e) => e.type)).toEqual(["heartbeat", "health"]);
    expect((await drain(reader, bookmark, "&types=alert")).entries.some((e) => e.type !== "alert")).toBe(false);
  });
});
