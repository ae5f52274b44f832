/**
 * The agent against the REAL Worker (wrangler dev, local D1): what `replay` says a log must
 * produce is exactly what the API returns afterwards — through a clean run, kill -9, a server
 * that is down for a while, and a server answering 503 to a share of requests.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT, feed, makeAgentHost, replayAlertIds, startAgent, waitFor, type AgentHost, type RunningAgent } from "./lib/agent.ts";
import { d1, freePort, Operator, startWorker, type LocalWorker } from "./lib/worker.ts";
import { startFlakyProxy } from "./lib/flaky-proxy.ts";
import { openDatabase } from "../../agent/src/spool/sqlite.ts";

const LOG = resolve(import.meta.dirname, "../../../shared/corpus/live/L04-raw-auth-ssh.log");
const LOG_TEXT = readFileSync(LOG);

let root: string;
let worker: LocalWorker;
let operator: Operator;
const agents: RunningAgent[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "e2e-delivery-"));
  worker = await startWorker(join(root, "d1"));
  operator = await Operator.bootstrap(worker.url, join(root, "d1"));
}, 120_000);

afterAll(async () => {
  for (const a of agents) a.child.kill("SIGKILL");
  await worker?.stop();
  rmSync(root, { recursive: true, force: true });
});

let hostNo = 0;
/** A fresh host (own key, analyzer id, spool), registered, with replay's expectation for LOG. */
async function newHost(server: string, overrides: Record<string, string | number> = {}): Promise<{ host: AgentHost; expected: string[] }> {
  const host = await makeAgentHost(join(root, `host${++hostNo}`), server, overrides);
  await operator.registerAgent({ clientId: host.clientId, analyzerId: host.analyzerId, publicKey: host.publicKey });
  const expected = await replayAlertIds(LOG, host.configFile);
  expect(expected.length).toBeGreaterThan(50);
  expect(new Set(expected).size).toBe(expected.length);
  return { host, expected };
}

function agent(configFile: string): RunningAgent {
  const a = startAgent(configFile);
  agents.push(a);
  return a;
}

async function storedIds(analyzerId: string): Promise<string[]> {
  return (await operator.alerts(analyzerId)).map((a) => a.messageid);
}

async function expectExactly(analyzerId: string, expected: string[]): Promise<void> {
  const ids = await waitFor("every alert stored", async () => {
    const got = await storedIds(analyzerId);
    return got.length >= expected.length ? got : undefined;
  }, 60_000, 500);
  expect(ids.length).toBe(new Set(ids).size);
  expect([...ids].sort()).toEqual([...expected].sort());
}

describe("agent → real Worker", () => {
  it("stores exactly replay's alerts; heartbeats from starting to exiting after SIGTERM", async () => {
    const { host, expected } = await newHost(worker.url);
    const a = agent(host.configFile);
    await feed(a, LOG_TEXT);
    await expectExactly(host.analyzerId, expected);
    a.child.kill("SIGTERM");
    expect(await a.exited).toBe(0);
    const view = await operator.analyzer(host.analyzerId);
    expect(view?.status).toBe("exiting");
    const beats = await d1(join(root, "d1"), `SELECT status FROM heartbeats WHERE analyzerid = '${host.analyzerId}' ORDER BY create_time, received_at`);
    expect(beats.map((b) => b.status)).toEqual(["starting", "exiting"]);
    // the counters arrive with the heartbeat
    expect(view?.counters).toMatchObject({ records: 12122, alerts: expected.length, "dead-lettered messages": 0 });
  }, 120_000);

  it("kill -9 mid-stream, restart, the log again: the same set, none twice", async () => {
    const { host, expected } = await newHost(worker.url);
    const first = agent(host.configFile);
    await feed(first, LOG_TEXT.subarray(0, Math.floor(LOG_TEXT.length / 2)));
    await waitFor("some alerts stored", async () => (await storedIds(host.analyzerId)).length > 10, 30_000);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const second = agent(host.configFile);
    await feed(second, LOG_TEXT);
    second.child.stdin.end();
    expect(await second.exited).toBe(0);
    await expectExactly(host.analyzerId, expected);
  }, 120_000);

  it("what reached the spool survives kill -9: spooled while the server was unreachable, delivered after restart", async () => {
    const deadPort = await freePort();
    const { host, expected } = await newHost(`http://127.0.0.1:${deadPort}`);
    const first = agent(host.configFile);
    await feed(first, LOG_TEXT);
    // Wait until every alert is committed in the spool (the agent keeps stdin open, nothing sent).
    const spoolFile = join(host.spoolDir, "spool.sqlite");
    await waitFor("all alerts in the spool", async () => {
      const db = openDatabase(spoolFile);
      try {
        return (db.prepare("SELECT count(*) AS n FROM messages WHERE lane = 1").get() as { n: number }).n === expected.length;
      } finally {
        db.close();
      }
    }, 30_000);
    first.child.kill("SIGKILL");
    await first.exited;
    host.writeConfig({ server: worker.url });
    const second = agent(host.configFile); // no new input: only the spool
    await expectExactly(host.analyzerId, expected);
    second.child.stdin.end();
    expect(await second.exited).toBe(0);
  }, 120_000);

  it("server down for a while, then up: the same set", async () => {
    const port = await freePort();
    const { host, expected } = await newHost(`http://127.0.0.1:${port}`, { retry_max_delay_ms: 500 });
    const a = agent(host.configFile);
    await feed(a, LOG_TEXT);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await storedIds(host.analyzerId)).toEqual([]);
    // Now the server appears on that port (a plain TCP relay to the Worker).
    const relay = await tcpRelay(port, new URL(worker.url));
    try {
      await expectExactly(host.analyzerId, expected);
      a.child.stdin.end();
      expect(await a.exited).toBe(0);
    } finally {
      await new Promise((r) => relay.close(r));
    }
  }, 120_000);

  it("server answering 503 to a share of requests: the same set", async () => {
    const proxy = await startFlakyProxy(worker.url, 3);
    try {
      const { host, expected } = await newHost(proxy.url, { batch_max_messages: 20, retry_max_delay_ms: 300 });
      const a = agent(host.configFile);
      await feed(a, LOG_TEXT);
      await expectExactly(host.analyzerId, expected);
      a.child.stdin.end();
      expect(await a.exited).toBe(0);
      expect(proxy.stats.failed).toBeGreaterThan(3);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it("replay --send delivers the same set and exits once everything is stored", async () => {
    const { host, expected } = await newHost(worker.url);
    const { execFile } = await import("node:child_process");
    const code = await new Promise<number>((r) =>
      execFile(process.execPath, [AGENT, "replay", LOG, "--send", "--config", host.configFile], (err) => r(err ? Number(err.code ?? 1) : 0)),
    );
    expect(code).toBe(0);
    expect([...(await storedIds(host.analyzerId))].sort()).toEqual([...expected].sort());
  }, 120_000);

  it("check: fails with the register hint until the key is registered, then passes", async () => {
    const host = await makeAgentHost(join(root, `host${++hostNo}`), worker.url);
    const { execFile } = await import("node:child_process");
    const check = () =>
      new Promise<{ code: number; out: string }>((r) =>
        execFile(process.execPath, [AGENT, "check", "--config", host.configFile], (err, stdout) => r({ code: err ? Number(err.code ?? 1) : 0, out: stdout })),
      );
    const before = await check();
    expect(before.code).toBe(1);
    expect(before.out).toMatch(/^ok {3}config/m);
    expect(before.out).toMatch(/^ok {3}key/m);
    expect(before.out).toMatch(/^ok {3}spool/m);
    expect(before.out).toMatch(new RegExp(`^FAIL server .*(401|403).*register --client-id ${host.clientId}`, "m"));
    await operator.registerAgent({ clientId: host.clientId, analyzerId: host.analyzerId, publicKey: host.publicKey });
    const after = await check();
    expect(after.out).toMatch(/^ok {3}server .*accepted a signed request/m);
    expect(after.code).toBe(0);
    expect(await storedIds(host.analyzerId)).toEqual([]);
  }, 60_000);
});

/** A TCP relay on 127.0.0.1:port to the Worker (the agent signs the relay's URL; the Worker reads Host). */
function tcpRelay(port: number, target: URL): Promise<Server> {
  const server = createServer((inbound) => {
    import("node:net").then(({ connect }) => {
      const out = connect(Number(target.port), target.hostname);
      inbound.pipe(out).pipe(inbound);
      out.on("error", () => inbound.destroy());
      inbound.on("error", () => out.destroy());
    });
  });
  return new Promise((r) => server.listen(port, "127.0.0.1", () => r(server)));
}
