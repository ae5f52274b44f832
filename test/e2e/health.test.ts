/**
 * Analyzer health end to end: the real Worker under `wrangler dev --test-scheduled` (local D1),
 * cron runs triggered through /cdn-cgi/handler/scheduled on the wall clock with a 2 s heartbeat
 * interval and a 4 s margin, a real webhook receiver on 127.0.0.1, the health alerts checked by
 * libprelude itself (shared/tools/idmef-validate.py). First with signed requests
 * (schema/signature.ts) sent by the test, then with the real agent killed with -9, restarted and
 * stopped with SIGTERM.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { exportPublicKeyRaw, generateKeyPair, normalizePublicKey, signRequest, type CryptoKey } from "../../schema/signature.ts";
import { REPO_ROOT, startLocalWorker, WRANGLER, wranglerEnv, type LocalWorker } from "../../scripts/lib/local-worker.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./health-webhook-receiver.ts";
import { makeAgentHost, startAgent, type RunningAgent } from "./lib/agent.ts";

const run = promisify(execFile);
const VALIDATOR = resolve(REPO_ROOT, "../shared/tools/idmef-validate.py");
const HEALTH_ID = "e2e-health-monitor";
const INTERVAL_S = 2;
// Wide enough that a loaded machine does not make the agent's 2 s beats look late (interval +
// margin/2 = 4 s), short enough for a quick test (missing after 6 s of silence).
const MARGIN_S = 4;

let root: string;
let worker: LocalWorker;
let receiver: WebhookReceiver;

interface Client { id: string; key: CryptoKey }
let agent: Client;
let reader: Client;
const ANALYZER = "e2e-health-analyzer";

async function register(id: string, analyzerId: string | null, permissions: string, publicKey?: string): Promise<Client> {
  const kp = await generateKeyPair();
  const pub = publicKey === undefined ? await exportPublicKeyRaw(kp.publicKey) : await normalizePublicKey(publicKey);
  const sql = `INSERT INTO clients (id, name, public_key, analyzer_id, permissions, created_at) VALUES ('${id}', 'e2e', '${pub}', ${
    analyzerId === null ? "NULL" : `'${analyzerId}'`
  }, '${permissions}', ${Date.now()})`;
  await run(WRANGLER, ["d1", "execute", "DB", "--local", "--persist-to", join(root, "d1"), "--command", sql], { cwd: REPO_ROOT, env: wranglerEnv() });
  return { id, key: kp.privateKey };
}

async function signed(c: Client, method: string, path: string, body?: unknown): Promise<Response> {
  const url = worker.url + path;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers = await signRequest({ method, url, body: text, contentType: text === undefined ? undefined : "application/json", keyId: c.id, privateKey: c.key });
  return fetch(url, { method, headers, body: text });
}

let hbSeq = 0;
async function sendHeartbeat(status: string): Promise<void> {
  const res = await signed(agent, "POST", "/v1/messages", {
    version: "1.0",
    heartbeat: {
      messageid: `e2e-hb-${++hbSeq}-${Date.now()}`,
      analyzer: [{ analyzerid: ANALYZER, name: "e2e agent", class: "HIDS", node: { name: "e2e-host" } }],
      create_time: new Date().toISOString(),
      heartbeat_interval: INTERVAL_S,
      additional_data: [
        { meaning: "Analyzer status", type: "string", data: status },
        { meaning: "dropped messages", type: "integer", data: 0 },
      ],
    },
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ accepted: 1 });
}

/** Runs the cron handler now, or with scheduledTime `at` (miniflare's `time` parameter). */
async function cron(at?: number): Promise<void> {
  const time = at === undefined ? "" : `&time=${at}`;
  const res = await fetch(`${worker.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("* * * * *")}${time}`);
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

async function health(analyzerid = ANALYZER): Promise<{ health: string; health_since: string; status: string } | undefined> {
  const res = await signed(reader, "GET", "/v1/analyzers");
  expect(res.status).toBe(200);
  const { analyzers } = (await res.json()) as { analyzers: { analyzerid: string; health: string; health_since: string; status: string }[] };
  return analyzers.find((a) => a.analyzerid === analyzerid);
}

/** Health alerts about `analyzerid` (its id is the first additional_data entry), oldest first. */
async function healthAlerts(analyzerid = ANALYZER): Promise<{ classification: string; severity: string; message: unknown }[]> {
  const res = await signed(reader, "GET", `/v1/alerts?analyzerid=${HEALTH_ID}`);
  expect(res.status).toBe(200);
  const { alerts } = (await res.json()) as {
    alerts: { classification: string; severity: string; detect_time: string; message: { alert: { additional_data: { data: unknown }[] } } }[];
  };
  return alerts.filter((a) => a.message.alert.additional_data[0].data === analyzerid).sort((a, b) => a.detect_time.localeCompare(b.detect_time) || a.classification.localeCompare(b.classification));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "e2e-health-"));
  receiver = await startWebhookReceiver();
  receiver.script("e2e", [503]); // the first notification fails: the next cron run must retry it
  worker = await startLocalWorker({
    persistDir: join(root, "d1"),
    vars: { HEARTBEAT_MARGIN_SECONDS: String(MARGIN_S), HEALTH_ANALYZER_ID: HEALTH_ID, ALERT_WEBHOOK_URL: `${receiver.base}/hook/e2e`, ALERT_WEBHOOK_SECRET: receiver.secret },
  });
  agent = await register("e2e-health-agent", ANALYZER, "idmef:w");
  reader = await register("e2e-health-reader", null, "idmef:r");
}, 180_000);

const agents: RunningAgent[] = [];

afterAll(async () => {
  for (const a of agents) a.child.kill("SIGKILL");
  await worker?.stop();
  await receiver?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

it("missing once after interval + margin, resumed, failed at ingest; webhook retried; libprelude parses every alert", async () => {
  await sendHeartbeat("starting");
  expect((await health())?.health).toBe("online");

  await cron(); // well within interval + margin: nothing
  expect(await healthAlerts()).toEqual([]);

  await sleep((INTERVAL_S + MARGIN_S) * 1000 + 500);
  await cron();
  expect((await health())?.health).toBe("missing");
  expect((await healthAlerts()).map((a) => `${a.classification}:${a.severity}`)).toEqual(["Analyzer heartbeat missing:medium"]);
  expect(receiver.log("e2e").map((r) => r.status)).toEqual([503]); // first POST failed...

  await sleep(500);
  await cron(); // ...no second missing alert; the notification is not due again for a minute
  expect(await healthAlerts()).toHaveLength(1);

  await sendHeartbeat("running");
  expect((await health())?.health).toBe("online");
  await sendHeartbeat("failed"); // raised at ingest: in the API as soon as the POST answered
  expect((await health())?.health).toBe("failed");
  const alerts = await healthAlerts();
  expect(alerts.map((a) => `${a.classification}:${a.severity}`)).toEqual([
    "Analyzer heartbeat missing:medium",
    "Analyzer heartbeat resumed:info",
    "Analyzer failed:high",
  ]);
  // Notifications for resumed + failed go out from ingestion (waitUntil), each exactly once.
  const posted = await waitFor("resumed and failed notifications", () => {
    const ok = receiver.log("e2e").filter((r) => r.status === 200);
    return ok.length >= 2 ? ok : undefined;
  });
  expect(posted.map((r) => JSON.parse(r.body).alert.classification.text).sort()).toEqual(["Analyzer failed", "Analyzer heartbeat resumed"]);

  // The failed notification of the missing alert is retried by a later run (its backoff is a
  // minute: run the cron with a scheduledTime two minutes ahead), delivered once, then left alone.
  await cron(Date.now() + 2 * 60_000);
  await cron(Date.now() + 3 * 60_000);
  const final = receiver.log("e2e");
  expect(final.filter((r) => JSON.parse(r.body).alert.classification.text === "Analyzer heartbeat missing").map((r) => r.status)).toEqual([503, 200]);
  expect(final.filter((r) => r.status === 200)).toHaveLength(3);
  // Every POST from `wrangler dev` was signed and verified by the receiver (README "Webhook").
  expect(final.map((r) => r.verified)).toEqual(final.map(() => "ok"));

  // libprelude parses every stored health alert without losing a field.
  const jsonl = alerts.map((a) => JSON.stringify(a.message)).join("\n") + "\n";
  const child = execFile("/usr/bin/python3", [VALIDATOR]);
  child.stdin!.end(jsonl);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  expect(out).toContain("3 passed, 0 failed");
  expect(code).toBe(0);
}, 60_000);

it("the real agent: kill -9 goes missing once; its restart resumes with an unexpected-restart alert; SIGTERM is offline and silent", async () => {
  const host = await makeAgentHost(join(root, "host"), worker.url, { heartbeat_interval: INTERVAL_S });
  await register(host.clientId, host.analyzerId, "idmef:w", host.publicKey);
  const start = () => {
    const a = startAgent(host.configFile);
    agents.push(a);
    return a;
  };
  const first = start();
  await waitFor("the agent online", async () => ((await health(host.analyzerId))?.health === "online" ? true : undefined), 30_000);
  await sleep(INTERVAL_S * 1000 + 500); // a few running beats
  first.child.kill("SIGKILL");
  await first.exited;

  await sleep((INTERVAL_S + MARGIN_S) * 1000 + 1000);
  await cron();
  await cron();
  expect((await health(host.analyzerId))?.health).toBe("missing");
  expect((await healthAlerts(host.analyzerId)).map((a) => a.classification).filter((c) => c !== "Unexpected heartbeat interval")).toEqual([
    "Analyzer heartbeat missing",
  ]);

  const second = start();
  await waitFor("the agent back online", async () => ((await health(host.analyzerId))?.health === "online" ? true : undefined), 30_000);
  second.child.kill("SIGTERM");
  expect(await second.exited).toBe(0);
  await waitFor("the agent offline", async () => ((await health(host.analyzerId))?.health === "offline" ? true : undefined), 10_000);
  await sleep((INTERVAL_S + MARGIN_S) * 1000 + 1000);
  await cron();
  expect(await health(host.analyzerId)).toMatchObject({ health: "offline", status: "exiting" });
  // A beat delayed past interval + margin/2 by a loaded machine is a legitimate "Unexpected
  // heartbeat interval"; it is not what this test is about.
  const classes = (await healthAlerts(host.analyzerId)).map((a) => a.classification).filter((c) => c !== "Unexpected heartbeat interval");
  expect(classes.slice(0, 1)).toEqual(["Analyzer heartbeat missing"]);
  expect(classes.slice(1).sort()).toEqual(["Analyzer heartbeat resumed", "Unexpected analyzer restart"]);
}, 120_000);
