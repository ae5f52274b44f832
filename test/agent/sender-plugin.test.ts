/**
 * The plugin (`idmef-agent run`) as a child process against a scripted HTTP server that checks
 * every signature: lifecycle heartbeats, server down, SIGHUP. The real Worker is in test/e2e.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { Plugin } from "../../agent/src/plugin.ts";
import { importPublicKey, verifyRequest } from "../../schema/signature.ts";
import { EXEC_EVENT } from "./exec-event.ts";
import { feed, makeAgentHost, replayAlertIds, startAgent, waitFor, type AgentHost } from "../e2e/lib/agent.ts";

const LOG = resolve(import.meta.dirname, "../../../shared/corpus/live/L04-raw-auth-ssh.log");

interface Received {
  kind: "alert" | "heartbeat";
  messageid: string;
  status?: string;
  dropped?: number;
  incomplete?: number;
}
interface Scripted {
  url: string;
  received: Received[];
  unsigned: number;
  /** 0 = accept; otherwise the status to answer with. */
  answer: number;
  close(): Promise<void>;
}

async function scriptedServer(host: () => AgentHost): Promise<Scripted> {
  const s: Scripted = { url: "", received: [], unsigned: 0, answer: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const pub = await importPublicKey(host().publicKey);
      const v = await verifyRequest({
        method: req.method!,
        url: `http://${req.headers.host}${req.url}`,
        headers: { get: (n) => (req.headers[n.toLowerCase()] as string | undefined) ?? null },
        body,
        now: Math.floor(Date.now() / 1000),
        resolveKey: async (id) => (id === host().clientId ? pub : null),
      });
      if (!v.ok) {
        s.unsigned++;
        return res.writeHead(401).end();
      }
      if (s.answer) return res.writeHead(s.answer).end();
      const msgs = JSON.parse(body.toString()) as Record<string, { messageid: string; additional_data?: { meaning: string; data: unknown }[] }>[];
      for (const m of msgs) {
        const kind = "alert" in m ? "alert" : "heartbeat";
        const inner = m[kind];
        const status = inner.additional_data?.find((d) => d.meaning === "Analyzer status")?.data as string | undefined;
        const dropped = inner.additional_data?.find((d) => d.meaning === "dropped messages")?.data as number | undefined;
        const incomplete = inner.additional_data?.find((d) => d.meaning === "incomplete events")?.data as number | undefined;
        s.received.push({ kind, messageid: inner.messageid, status, dropped, incomplete });
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ accepted: msgs.length, duplicates: 0, rejected: [] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  s.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  s.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return s;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(overrides: Record<string, string | number> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "plugin-test-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  let host!: AgentHost;
  const server = await scriptedServer(() => host);
  cleanups.push(() => server.close());
  host = await makeAgentHost(dir, server.url, overrides);
  return { dir, host, server };
}

const alertIds = (r: Received[]) => r.filter((m) => m.kind === "alert").map((m) => m.messageid);
const statuses = (r: Received[]) => r.filter((m) => m.kind === "heartbeat").map((m) => m.status);

describe("idmef-agent run (plugin mode)", () => {
  it("delivers exactly the alerts replay finds, starting first and exiting last, exit 0 at end of input", async () => {
    const { host, server } = await setup();
    const expected = await replayAlertIds(LOG, host.configFile);
    expect(expected.length).toBeGreaterThan(10);
    const agent = startAgent(host.configFile);
    cleanups.push(() => void agent.child.kill("SIGKILL"));
    await feed(agent, readFileSync(LOG));
    agent.child.stdin.end();
    expect(await agent.exited).toBe(0);
    expect(server.unsigned).toBe(0);
    expect(alertIds(server.received).sort()).toEqual([...expected].sort());
    expect(statuses(server.received)).toEqual(["starting", "exiting"]);
  });

  it("keeps reading stdin while the server is down; SIGTERM keeps the rest in the spool for the next start", async () => {
    const { host, server } = await setup();
    const expected = await replayAlertIds(LOG, host.configFile);
    server.answer = 503;
    const agent = startAgent(host.configFile);
    cleanups.push(() => void agent.child.kill("SIGKILL"));
    const t0 = Date.now();
    await feed(agent, readFileSync(LOG)); // resolves only when the agent has taken all of it
    expect(Date.now() - t0).toBeLessThan(15_000);
    await new Promise((r) => setTimeout(r, 2500)); // the idle timeout completes the last events
    const stopAt = Date.now();
    agent.child.kill("SIGTERM");
    expect(await agent.exited).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(5000 + 2000);
    expect(server.received).toHaveLength(0);
    // Next start, server up, nothing new on stdin: the spool drains.
    server.answer = 0;
    const again = startAgent(host.configFile);
    cleanups.push(() => void again.child.kill("SIGKILL"));
    await waitFor("spooled alerts", async () => alertIds(server.received).length >= expected.length, 30_000);
    again.child.stdin.end();
    expect(await again.exited).toBe(0);
    expect(new Set(alertIds(server.received))).toEqual(new Set(expected));
    expect(statuses(server.received)).toEqual(["starting", "exiting", "starting", "exiting"]);
  });

  it("SIGHUP: a bad config is reported and the running one kept; a good one moves to a new server without losing queued alerts", async () => {
    const { host, server: down } = await setup();
    down.answer = 503;
    let hostRef = host;
    const up = await scriptedServer(() => hostRef);
    cleanups.push(() => up.close());
    const expected = await replayAlertIds(LOG, host.configFile);
    const agent = startAgent(host.configFile);
    cleanups.push(() => void agent.child.kill("SIGKILL"));
    await feed(agent, readFileSync(LOG));
    await new Promise((r) => setTimeout(r, 2500));
    host.writeConfig({ batch_linger_ms: "soon" });
    agent.child.kill("SIGHUP");
    await waitFor("reload error", async () => /reload failed[\s\S]*batch_linger_ms/.test(agent.stderr()), 10_000);
    host.writeConfig({ server: up.url });
    agent.child.kill("SIGHUP");
    await waitFor("alerts on the new server", async () => alertIds(up.received).length >= expected.length, 30_000);
    agent.child.kill("SIGTERM");
    expect(await agent.exited).toBe(0);
    expect(new Set(alertIds(up.received))).toEqual(new Set(expected));
    expect(statuses(up.received).at(-1)).toBe("exiting");
    hostRef = host;
  });

  it("sends a running heartbeat every heartbeat_interval", async () => {
    const { host, server } = await setup({ heartbeat_interval: 1 });
    const agent = startAgent(host.configFile);
    cleanups.push(() => void agent.child.kill("SIGKILL"));
    await waitFor("two running heartbeats", async () => statuses(server.received).filter((s) => s === "running").length >= 2, 10_000);
    agent.child.kill("SIGTERM");
    expect(await agent.exited).toBe(0);
    const st = statuses(server.received);
    expect(st[0]).toBe("starting");
    expect(st.at(-1)).toBe("exiting");
  });

  it("a full spool drops per overflow_action, says so, and counts the drops in the heartbeats", async () => {
    const { host, server } = await setup({ spool_max_bytes: 16384, overflow_action: "drop_newest" });
    const expected = await replayAlertIds(LOG, host.configFile);
    server.answer = 503;
    const agent = startAgent(host.configFile);
    cleanups.push(() => void agent.child.kill("SIGKILL"));
    await feed(agent, readFileSync(LOG));
    await waitFor("the drop report", async () => /spool full \(\d+ of 16384 bytes\): \d+ message\(s\) dropped \(overflow_action = drop_newest/.test(agent.stderr()), 10_000);
    server.answer = 0;
    agent.child.kill("SIGTERM");
    expect(await agent.exited).toBe(0);
    const delivered = alertIds(server.received);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.length).toBeLessThan(expected.length);
    // drop_newest keeps the oldest: what arrived is a prefix of what replay produced
    expect(new Set(delivered)).toEqual(new Set(expected.slice(0, delivered.length)));
    const exiting = server.received.find((m) => m.status === "exiting");
    expect(exiting?.dropped).toBeGreaterThanOrEqual(expected.length - delivered.length);
  });

  it("counts events that arrive without records their type implies as incomplete events", async () => {
    const { host, server } = await setup();
    const input = new PassThrough();
    const plugin = new Plugin({ configFile: host.configFile, input, log: () => {} });
    await plugin.start();
    const serial = (n: number) => (l: string) => l.replace(":51148)", `:${n})`);
    input.end(
      [
        ...EXEC_EVENT.map(serial(1)),
        ...EXEC_EVENT.slice(1).map(serial(2)), // its SYSCALL dropped by auditd
        ...EXEC_EVENT.filter((l) => !l.includes("item=1 ")).map(serial(3)), // one PATH dropped
      ].join("\n") + "\n",
    );
    expect(await plugin.done).toBe(0);
    expect(plugin.counters()).toMatchObject({ events: 3, incomplete: 2, lost: 0 });
    expect(server.received.find((m) => m.status === "exiting")?.incomplete).toBe(2);
  });

  it("a fatal error (stdin fails) sends a failed heartbeat with the reason and resolves exit code 1", async () => {
    const { host, server } = await setup();
    const input = new PassThrough();
    const logs: string[] = [];
    const plugin = new Plugin({ configFile: host.configFile, input, log: (l) => logs.push(l) });
    await plugin.start();
    input.write(readFileSync(LOG).subarray(0, 200_000));
    input.destroy(new Error("read EIO"));
    expect(await plugin.done).toBe(1);
    expect(statuses(server.received)).toEqual(["starting", "failed"]);
    expect(logs.join("\n")).toMatch(/fatal: read EIO/);
  });

  it("exits non-zero with a clear message when the key is missing", async () => {
    const { host } = await setup();
    rmSync(join(host.dir, "etc", "agent.key"));
    const agent = startAgent(host.configFile);
    agent.child.stdin.end();
    expect(await agent.exited).toBe(1);
    expect(agent.stderr()).toMatch(/cannot start: .*agent\.key/);
  });
});
