import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { execFileSync } from "node:child_process";
import { createServer as createHttpsServer } from "node:https";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LANE_ALERT, LANE_HEARTBEAT, Spool } from "../../agent/src/spool/spool.ts";
import { DeadLetterFile, readDeadLetters } from "../../agent/src/spool/dead-letter.ts";
import { Sender } from "../../agent/src/sender/sender.ts";
import { makeSigner } from "../../agent/src/sender/sign.ts";
import { backoffDelay, classify, nextDelay, parseRetryAfter } from "../../agent/src/sender/retry.ts";
import { exportPublicKeyRaw, generateKeyPair, importPublicKey, verifyRequest } from "../../schema/signature.ts";

describe("retry policy", () => {
  it("retries network errors, 408, 429, 5xx and auth failures; dead-letters other 4xx; splits a 413 batch", () => {
    expect(classify(null, 3)).toBe("retry");
    for (const s of [408, 429, 500, 502, 503, 504, 401, 403]) expect(classify(s, 3)).toBe("retry");
    for (const s of [200, 201, 207]) expect(classify(s, 3)).toBe("done");
    for (const s of [400, 404, 405, 409, 415, 422]) expect(classify(s, 3)).toBe("dead-letter");
    expect(classify(413, 3)).toBe("split");
    expect(classify(413, 1)).toBe("dead-letter");
  });

  it("uses full jitter under an exponential ceiling capped by capMs", () => {
    const opts = { baseMs: 100, capMs: 5000 };
    expect(backoffDelay(0, opts, () => 0.999999)).toBe(99);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(400);
    expect(backoffDelay(10, opts, () => 0.999999)).toBe(4999);
    expect(backoffDelay(1000, opts, () => 0.5)).toBe(2500);
    expect(backoffDelay(5, opts, () => 0)).toBe(0);
  });

  it("honours Retry-After in seconds and as an HTTP date, never sooner than it says", () => {
    const now = Date.parse("2026-11-23T04:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("Mon, 23 Nov 2026 04:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Mon, 23 Nov 2026 03:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
    const opts = { baseMs: 100, capMs: 1000 };
    expect(nextDelay(0, 5000, opts, () => 0.5)).toBe(5000);
    expect(nextDelay(4, 10, opts, () => 0.5)).toBe(500);
    expect(nextDelay(0, 1e9, opts, () => 0.5)).toBe(3_600_000);
  });
});

// ---- the sender against a scripted HTTP server --------------------------------------------

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;
interface Fixture {
  spool: Spool;
  dl: DeadLetterFile;
  sender: Sender;
  requests: { body: unknown[]; headers: IncomingMessage["headers"]; at: number; verified: boolean }[];
  close(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function fixture(handler: Handler, opts: Partial<ConstructorParameters<typeof Sender>[0]> = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), "sender-test-"));
  const pair = await generateKeyPair();
  const pub = await importPublicKey(await exportPublicKeyRaw(pair.publicKey));
  const requests: Fixture["requests"] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const url = `http://${req.headers.host}${req.url}`;
      const v = await verifyRequest({
        method: req.method!,
        url,
        headers: { get: (n) => (req.headers[n.toLowerCase()] as string | undefined) ?? null },
        body,
        now: Math.floor(Date.now() / 1000),
        resolveKey: async (id) => (id === "client-1" ? pub : null),
      });
      requests.push({ body: JSON.parse(body.toString()), headers: req.headers, at: Date.now(), verified: v.ok });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const spool = new Spool({ dir, maxBytes: 1e8, overflowAction: "drop_newest", commitIntervalMs: 5, onCommit: () => sender.wake() });
  const dl = new DeadLetterFile(join(dir, "dead-letter.jsonl"));
  const sender: Sender = new Sender({
    spool,
    deadLetters: dl,
    server: `http://127.0.0.1:${port}`,
    sign: makeSigner("client-1", pair.privateKey),
    batchMaxMessages: 10,
    batchMaxBytes: 1e6,
    batchLingerMs: 5,
    backoff: { baseMs: 20, capMs: 200 },
    ...opts,
  });
  sender.start();
  const close = async () => {
    await sender.stop();
    await spool.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.push(close);
  return { spool, dl, sender, requests, close: async () => {} };
}

const ok = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};
const alert = (i: number) => JSON.stringify({ version: "1.0", alert: { messageid: `m${i}` } });

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("sender", () => {
  it("sends batches as signed JSON arrays and removes what the server stored", async () => {
    const f = await fixture((_req, body, res) => ok(res, { accepted: JSON.parse(body.toString()).length, duplicates: 0, rejected: [] }));
    for (let i = 0; i < 25; i++) f.spool.append(LANE_ALERT, alert(i));
    await until(() => f.spool.counters().depth === 0 && f.spool.counters().pending === 0);
    expect(f.requests.every((r) => r.verified)).toBe(true);
    expect(f.requests.every((r) => r.body.length <= 10)).toBe(true);
    const ids = f.requests.flatMap((r) => (r.body as { alert: { messageid: string } }[]).map((m) => m.alert.messageid));
    expect(new Set(ids).size).toBe(25);
    expect(f.sender.counters()).toMatchObject({ stored: 25, deadLettered: 0 });
  });

  it("retries 503/429/network-level failures with a fresh signature each time, then delivers", async () => {
    let n = 0;
    const f = await fixture((_req, body, res) => {
      n++;
      if (n === 1) return res.writeHead(503).end();
      if (n === 2) return res.writeHead(429, { "retry-after": "0" }).end();
      if (n === 3) return res.socket?.destroy();
      ok(res, { accepted: JSON.parse(body.toString()).length, duplicates: 0, rejected: [] });
    });
    f.spool.append(LANE_ALERT, alert(1));
    await until(() => f.spool.counters().depth === 0 && f.sender.counters().stored === 1);
    expect(f.requests.length).toBeGreaterThanOrEqual(3);
    const nonces = f.requests.map((r) => /nonce="([^"]+)"/.exec(String(r.headers["signature-input"]))![1]);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(f.requests.every((r) => r.verified)).toBe(true);
    expect(f.sender.counters().retries).toBeGreaterThanOrEqual(3);
  });

  it("waits at least Retry-After before the next attempt", async () => {
    let n = 0;
    const f = await fixture((_req, body, res) => {
      if (n++ === 0) return res.writeHead(503, { "retry-after": "1" }).end();
      ok(res, { accepted: JSON.parse(body.toString()).length, duplicates: 0, rejected: [] });
    });
    f.spool.append(LANE_ALERT, alert(1));
    await until(() => f.sender.counters().stored === 1);
    expect(f.requests[1].at - f.requests[0].at).toBeGreaterThanOrEqual(950);
  });

  it("dead-letters exactly the messages listed as rejected, with the server's reason; removes the rest", async () => {
    const f = await fixture((_req, body, res) => {
      const msgs = JSON.parse(body.toString()) as { alert: { messageid: string } }[];
      const rejected = msgs
        .map((m, index) => ({ index, messageid: m.alert.messageid, error: "alert.classification: required" }))
        .filter((r) => r.messageid === "m3");
      ok(res, { accepted: msgs.length - rejected.length, duplicates: 0, rejected });
    });
    for (let i = 0; i < 6; i++) f.spool.append(LANE_ALERT, alert(i));
    await until(() => f.spool.counters().depth === 0 && f.sender.counters().stored === 5);
    const dead = readDeadLetters(f.dl.path);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ status: 200, reason: "alert.classification: required", message: { alert: { messageid: "m3" } } });
  });

  it("dead-letters a whole request refused with 400 and never retries it", async () => {
    const f = await fixture((_req, _body, res) => {
      res.writeHead(400, { "content-type": "application/problem+json" });
      res.end(JSON.stringify({ type: "about:blank", title: "Bad Request", status: 400, detail: "not an IDMEF message" }));
    });
    f.spool.append(LANE_ALERT, alert(1));
    f.spool.append(LANE_ALERT, alert(2));
    await until(() => f.sender.counters().deadLettered === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(f.requests).toHaveLength(1);
    expect(f.spool.counters().depth).toBe(0);
    expect(readDeadLetters(f.dl.path).map((d) => d.reason)).toEqual([
      "400 Bad Request: not an IDMEF message",
      "400 Bad Request: not an IDMEF message",
    ]);
  });

  it("splits a batch the server finds too large (413) instead of dead-lettering it", async () => {
    const f = await fixture((_req, body, res) => {
      const msgs = JSON.parse(body.toString()) as unknown[];
      if (msgs.length > 2) return res.writeHead(413).end();
      ok(res, { accepted: msgs.length, duplicates: 0, rejected: [] });
    });
    for (let i = 0; i < 8; i++) f.spool.append(LANE_ALERT, alert(i));
    await until(() => f.sender.counters().stored === 8);
    expect(f.sender.counters().deadLettered).toBe(0);
    expect(f.spool.counters().depth).toBe(0);
  });

  it("resends a batch when a 2xx answer does not account for every message in it", async () => {
    let n = 0;
    const f = await fixture((_req, body, res) => {
      const len = (JSON.parse(body.toString()) as unknown[]).length;
      if (n++ === 0) return ok(res, { accepted: len - 1, duplicates: 0, rejected: [] });
      ok(res, { accepted: 0, duplicates: len, rejected: [] });
    });
    for (let i = 0; i < 3; i++) f.spool.append(LANE_ALERT, alert(i));
    await until(() => f.spool.counters().depth === 0 && f.sender.counters().duplicates === 3);
    expect(f.requests).toHaveLength(2);
    expect(f.requests[1].body).toEqual(f.requests[0].body);
  });

  it("counts duplicates as delivered: they leave the spool", async () => {
    const f = await fixture((_req, body, res) => ok(res, { accepted: 0, duplicates: JSON.parse(body.toString()).length, rejected: [] }));
    for (let i = 0; i < 3; i++) f.spool.append(LANE_ALERT, alert(i));
    await until(() => f.sender.counters().duplicates === 3);
    expect(f.spool.counters().depth).toBe(0);
  });

  it("delivers heartbeats while an alert batch is stuck retrying", async () => {
    const f = await fixture((_req, body, res) => {
      const msgs = JSON.parse(body.toString()) as Record<string, unknown>[];
      if (msgs.some((m) => "alert" in m)) return res.writeHead(503).end();
      ok(res, { accepted: msgs.length, duplicates: 0, rejected: [] });
    });
    for (let i = 0; i < 50; i++) f.spool.append(LANE_ALERT, alert(i));
    f.spool.commit();
    await new Promise((r) => setTimeout(r, 100));
    f.spool.append(LANE_HEARTBEAT, JSON.stringify({ version: "1.0", heartbeat: { messageid: "hb" } }));
    await until(() => f.requests.some((r) => (r.body as Record<string, unknown>[]).some((m) => "heartbeat" in m)));
    await until(() => f.spool.counters().depth === 50);
    expect(f.sender.counters().stored).toBe(1);
  });

  it("after an outage, the first success cuts short the other workers' backoff: the backlog drains at once (default retry settings)", async () => {
    let down = true;
    let failures = 0;
    let firstSuccess = 0;
    const f = await fixture(
      (_req, body, res) => {
        if (down) {
          failures++;
          return res.writeHead(503).end();
        }
        firstSuccess ||= Date.now();
        ok(res, { accepted: JSON.parse(body.toString()).length, duplicates: 0, rejected: [] });
      },
      // The plugin's defaults (backoff base 250 ms, retry_max_delay_ms 60 s, batches of 100,
      // two alert workers), with full jitter at its top: the longest backoffs the defaults allow.
      { backoff: { baseMs: 250, capMs: 60_000 }, batchMaxMessages: 100, batchLingerMs: 200, concurrency: 2, random: () => 0.999 },
    );
    // Worker A takes a batch now and backs off 0.25, 0.5, 1, 2, 4, then 8 s (until t ≈ 15.7 s);
    // worker B takes one 2 s later, so its retries fall elsewhere (t ≈ 5.7, then 9.7 s).
    for (let i = 0; i < 100; i++) f.spool.append(LANE_ALERT, alert(i));
    f.spool.commit();
    await new Promise((r) => setTimeout(r, 2000));
    for (let i = 100; i < 400; i++) f.spool.append(LANE_ALERT, alert(i));
    f.spool.commit();
    await new Promise((r) => setTimeout(r, 6000));
    down = false; // t ≈ 8 s: the server is back; B's next attempt is the first success
    await until(() => firstSuccess > 0, 10_000);
    await until(() => f.spool.counters().depth === 0, 10_000);
    const drainedAfter = Date.now() - firstSuccess;
    expect(failures).toBeGreaterThanOrEqual(10);
    expect(f.sender.counters().stored).toBe(400);
    expect(drainedAfter).toBeLessThan(2000);
  });

  it("speaks HTTPS to a server whose certificate is signed by tls_ca_file, and refuses one it cannot verify", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sender-tls-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    // A self-signed certificate for 127.0.0.1 (openssl is part of the base system).
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    const cert = readFileSync(join(dir, "cert.pem"), "utf8");
    let received = 0;
    const server = createHttpsServer({ key: readFileSync(join(dir, "key.pem")), cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const n = (JSON.parse(Buffer.concat(chunks).toString()) as unknown[]).length;
        received += n;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ accepted: n, duplicates: 0, rejected: [] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    cleanups.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pair = await generateKeyPair();
    const make = (sub: string, ca?: string) => {
      const spool = new Spool({ dir: join(dir, sub), maxBytes: 1e6, overflowAction: "drop_newest", commitIntervalMs: 5, onCommit: () => sender.wake() });
      const sender: Sender = new Sender({
        spool, deadLetters: new DeadLetterFile(join(dir, sub, "dl.jsonl")), server: url, sign: makeSigner("c", pair.privateKey),
        batchMaxMessages: 10, batchMaxBytes: 1e6, batchLingerMs: 0, backoff: { baseMs: 20, capMs: 100 }, ca,
      });
      sender.start();
      cleanups.push(async () => { await sender.stop(); await spool.close(); });
      return { spool, sender };
    };
    const untrusted = make("untrusted");
    untrusted.spool.append(LANE_ALERT, alert(1));
    await until(() => (untrusted.sender.counters().lastError ?? "").length > 0);
    expect(untrusted.sender.counters().lastError).toMatch(/certificate|self.signed/i);
    expect(received).toBe(0);
    const trusted = make("trusted", cert);
    trusted.spool.append(LANE_ALERT, alert(2));
    await until(() => trusted.sender.counters().stored === 1);
    expect(received).toBe(1);
    expect(untrusted.spool.counters().depth).toBe(1);
  });

  it("drain() gives up at its deadline and leaves undelivered messages in the spool", async () => {
    const f = await fixture((_req, _body, res) => res.writeHead(503).end());
    f.spool.append(LANE_ALERT, alert(1));
    const t0 = Date.now();
    expect(await f.sender.drain(Date.now() + 300)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(1000);
    await f.sender.stop();
    expect(f.spool.counters().depth).toBe(1);
  });
});
