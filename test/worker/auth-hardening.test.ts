/**
 * Attacks on the auth layer with one stolen or guessed key: flooding, probing for client ids,
 * oversized nonces and bodies. Each shows the rest of the fleet is unaffected in the same run.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { generateKeyPair, signRequest } from "../../schema/signature.ts";
import { alert, BASE, counts, expectNothingStored, makeClient, postMessages, problem, send, type TestClient } from "./helpers.ts";

const minute = () => Math.floor(Date.now() / 60_000);

/** wrangler.toml [[ratelimits]] CLIENT_RATE_LIMIT: simple = { limit = 600, period = 60 }. */
const LIMIT = 600;

/** Spends n of a client's requests through the same binding the Worker uses (the tests share
 *  its counters), so a test reaches the limit without sending hundreds of signed requests. */
async function spend(clientId: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await env.CLIENT_RATE_LIMIT!.limit({ key: clientId });
}

/** Runs fn until it runs within one rate-limit window (windows follow the clock's minutes). */
async function inOneWindow(fn: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const start = minute();
    await fn();
    if (minute() === start || attempt === 2) return;
  }
}

describe("per-client rate limit (CLIENT_RATE_LIMIT)", () => {
  it("a flooding client gets 429 with Retry-After; another client's alerts are still stored and listed", async () => {
    const flooder = await makeClient(["idmef:w"]);
    const other = await makeClient(["idmef:w", "idmef:r"]);
    await spend(flooder.id, LIMIT - 20);
    // The flood itself: signed requests until refused (a window that turns meanwhile needs more).
    let limited: Response | undefined;
    let sent = 0;
    for (; sent < 2 * LIMIT + 50 && !limited; sent++) {
      const res = await send(flooder, "GET", "/v1/analyzers"); // lacks idmef:r: cheap 403 once past the limiter
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(403);
      if (sent % 10 === 0) expect((await postMessages(other, [alert(other.analyzerId!, sent)])).status).toBe(200);
    }
    expect(limited, "never refused").toBeDefined();
    expect(sent).toBeGreaterThan(20);
    const window = minute();
    const p = await problem(limited!);
    expect(p).toMatchObject({ status: 429, type: "urn:idmef-edge:problem:rate-limited" });
    const retryAfter = Number(limited!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Still refused while the window lasts, and nothing of it stored.
    const before = await counts();
    const again = await postMessages(flooder, [alert(flooder.analyzerId!, 1)]);
    if (minute() === window) {
      expect(again.status).toBe(429);
      await expectNothingStored(before);
    }

    // The other client, same run, same moment: stored and listed.
    const mine = alert(other.analyzerId!, 9999);
    const res = await postMessages(other, [mine]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 1 });
    const list = await send(other, "GET", `/v1/alerts?analyzerid=${other.analyzerId}&limit=1000`);
    const page = (await list.json()) as { alerts: Array<{ messageid: string }> };
    expect(page.alerts.map((a) => a.messageid)).toContain(mine.alert.messageid);
    expect(page.alerts.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("requests forged with a client's key id spend none of its budget (refused before the limiter)", async () => {
    await inOneWindow(async () => {
      const victim = await makeClient(["idmef:w"]);
      const forger: TestClient = { ...victim, privateKey: (await generateKeyPair()).privateKey };
      await spend(victim.id, LIMIT - 5);
      for (let i = 0; i < 30; i++) expect((await send(forger, "GET", "/v1/analyzers")).status).toBe(401);
      for (let i = 0; i < 5; i++) expect((await postMessages(victim, [alert(victim.analyzerId!, i)])).status).toBe(200);
      expect((await postMessages(victim, [alert(victim.analyzerId!, 5)])).status).toBe(429);
    });
  }, 60_000);
});

describe("one answer for unknown, revoked and wrongly signed keys", () => {
  it("gives the same status, type, detail and reason, naming no client", async () => {
    const admin = await makeClient(["admin:w"], { analyzerId: null });
    const known = await makeClient(["idmef:w"]);
    const revoked = await makeClient(["idmef:w"]);
    expect((await send(admin, "DELETE", `/v1/clients/${revoked.id}`)).status).toBe(200);
    const before = await counts();
    const answers = [
      await postMessages({ ...known, id: "never-registered" }, [alert(known.analyzerId!)]),
      await postMessages(revoked, [alert(revoked.analyzerId!)]),
      await postMessages({ ...known, privateKey: (await generateKeyPair()).privateKey }, [alert(known.analyzerId!)]),
      await postMessages({ ...known, id: "x".repeat(500) }, [alert(known.analyzerId!)]),
    ];
    const bodies = await Promise.all(answers.map(async (r) => ({ ...(await problem(r)), httpStatus: r.status })));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ status: 401, type: "urn:idmef-edge:problem:signature", reason: "bad-signature" });
    expect(bodies[0].detail).not.toMatch(/never-registered|revoked\b.*client-|client-/);
    await expectNothingStored(before);
  });
});

/** A body that sends one chunk and then never ends: a server that waits for it never answers. */
function endlessBody(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(ctl) {
      ctl.enqueue(new TextEncoder().encode("["));
    },
  });
}

describe("cheap checks before the body", () => {
  it("refuses a 2000-character nonce with 401 without reading the body", async () => {
    const c = await makeClient(["idmef:w"]);
    const url = `${BASE}/v1/messages`;
    const headers = await signRequest({ method: "POST", url, body: "[]", contentType: "application/json", keyId: c.id, privateKey: c.privateKey, nonce: "n".repeat(2000) });
    const res = await SELF.fetch(url, { method: "POST", headers, body: endlessBody(), duplex: "half" } as RequestInit);
    const p = await problem(res);
    expect(res.status).toBe(401);
    expect(p.reason).toBe("nonce-too-long");
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM seen_nonces WHERE key_id = ?").bind(c.id).first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it("a 64-character nonce is accepted", async () => {
    const c = await makeClient(["idmef:w"]);
    expect((await postMessages(c, [alert(c.analyzerId!)], { nonce: "n".repeat(64) })).status).toBe(200);
  });

  it("refuses stale created, a missing signature and an unknown key without reading the body", async () => {
    const c = await makeClient(["idmef:w"]);
    const url = `${BASE}/v1/messages`;
    const sign = (o: { keyId?: string; created?: number }) =>
      signRequest({ method: "POST", url, body: "[]", contentType: "application/json", keyId: o.keyId ?? c.id, privateKey: c.privateKey, created: o.created });
    const cases: Array<[Record<string, string>, string]> = [
      [await sign({ created: Math.floor(Date.now() / 1000) - 3600 }), "created-too-old"],
      [await sign({ keyId: "ghost" }), "bad-signature"],
      [{ "content-type": "application/json" }, "missing-signature"],
    ];
    for (const [headers, reason] of cases) {
      const res = await SELF.fetch(url, { method: "POST", headers, body: endlessBody(), duplex: "half" } as RequestInit);
      expect(res.status).toBe(401);
      expect((await problem(res)).reason).toBe(reason);
    }
  });
});

describe("per-route body limits (auth/body-limit.ts)", () => {
  it("DELETE takes no body, /v1/clients at most 16 KB; both 413 before parsing", async () => {
    const admin = await makeClient(["admin:r", "admin:w"], { analyzerId: null });
    const victim = await makeClient(["idmef:w"]);
    const del = await send(admin, "DELETE", `/v1/clients/${victim.id}`, { body: "{}" });
    expect(del.status).toBe(413);
    expect((await problem(del)).detail).toContain("no request body");
    expect((await postMessages(victim, [alert(victim.analyzerId!)])).status).toBe(200); // not revoked
    const before = await counts();
    const big = await send(admin, "POST", "/v1/clients", { body: JSON.stringify({ client_id: "big", name: "x".repeat(17 * 1024) }) });
    expect(big.status).toBe(413);
    expect((await problem(big)).detail).toContain("16384");
    await expectNothingStored(before);
  });

  it("a body over the limit is refused after at most the limit, whatever Content-Length says", async () => {
    const admin = await makeClient(["admin:w"], { analyzerId: null });
    const body = JSON.stringify({ client_id: "big", name: "x".repeat(20 * 1024) });
    const url = `${BASE}/v1/clients`;
    const headers = await signRequest({ method: "POST", url, body, contentType: "application/json", keyId: admin.id, privateKey: admin.privateKey });
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(ctl) {
        for (let i = 0; i < bytes.length; i += 1024) ctl.enqueue(bytes.subarray(i, i + 1024));
        ctl.close();
      },
    });
    const res = await SELF.fetch(url, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
  });
});
