/**
 * End-to-end helpers on the server side: the real Worker (wrangler dev, local D1 with the
 * migrations), an operator key inserted straight into D1 (the bootstrap an `idmef-admin init`
 * does), and signed API calls as that operator.
 */
import { execFile, spawn } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { promisify } from "node:util";
import { join } from "node:path";
import { request } from "undici";
import { exportPublicKeyRaw, generateKeyPair, signRequest } from "../../../schema/signature.ts";
import type { AlertView, AnalyzerView } from "../../../schema/api.ts";
import { REPO } from "./agent.ts";

const run = promisify(execFile);
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

export interface LocalWorker {
  url: string;
  stop(): Promise<void>;
}

interface LocalWorkerModule {
  startLocalWorker(o: { persistDir: string; port?: number; vars?: Record<string, string> }): Promise<LocalWorker>;
}

export async function startWorker(persistDir: string, vars: Record<string, string> = {}): Promise<LocalWorker> {
  const modulePath = "../../../scripts/lib/local-worker.ts";
  const mod = (await import(modulePath).catch(() => null)) as LocalWorkerModule | null;
  if (mod) return mod.startLocalWorker({ persistDir, vars });
  return startWranglerDev(persistDir, vars);
}

/** Until scripts/lib/local-worker.ts (H3) lands: migrations, then wrangler dev on a free port. */
async function startWranglerDev(persistDir: string, vars: Record<string, string>): Promise<LocalWorker> {
  const wrangler = join(REPO, "node_modules/.bin/wrangler");
  const env = { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" };
  await run(wrangler, ["d1", "migrations", "apply", "idmef-edge", "--local", "--persist-to", persistDir], { cwd: REPO, env });
  const port = await freePort();
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistDir, "--show-interactive-dev-session=false"];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(wrangler, args, { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d));
  child.stderr!.on("data", (d: Buffer) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await request(url + "/healthz");
      await r.body.text();
      if (r.statusCode === 200) break;
    } catch {
      // not up yet
    }
    if (Date.now() > end || child.exitCode !== null) throw new Error(`wrangler dev did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** SQL against the Worker's local D1 (same persist dir), as JSON rows. */
export async function d1(persistDir: string, sql: string): Promise<Record<string, unknown>[]> {
  const { stdout } = await run(
    join(REPO, "node_modules/.bin/wrangler"),
    ["d1", "execute", "idmef-edge", "--local", "--persist-to", persistDir, "--json", "--command", sql],
    { cwd: REPO, env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" }, maxBuffer: 1 << 28 },
  );
  const out = JSON.parse(stdout) as { results: Record<string, unknown>[] }[];
  return out.flatMap((r) => r.results);
}

export class Operator {
  readonly server: string;
  readonly clientId: string;
  readonly #key: PrivateKey;

  constructor(server: string, clientId: string, key: PrivateKey) {
    this.server = server;
    this.clientId = clientId;
    this.#key = key;
  }

  /** An operator (idmef:r, admin:r/w) inserted into D1 directly: the first admin has no one to register it. */
  static async bootstrap(server: string, persistDir: string, clientId = "e2e-admin"): Promise<Operator> {
    const pair = await generateKeyPair();
    const pub = await exportPublicKeyRaw(pair.publicKey);
    await d1(
      persistDir,
      `INSERT INTO clients (id, name, public_key, analyzer_id, permissions, created_at) VALUES ('${clientId}', 'e2e operator', '${pub}', NULL, 'idmef:r admin:r admin:w', ${Date.now()})`,
    );
    return new Operator(server, clientId, pair.privateKey);
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const url = this.server + path;
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers = await signRequest({
      method,
      url,
      body: text,
      contentType: text === undefined ? undefined : "application/json",
      keyId: this.clientId,
      privateKey: this.#key,
    });
    const res = await request(url, { method: method as "GET", headers, body: text });
    const raw = await res.body.text();
    return { status: res.statusCode, json: raw ? JSON.parse(raw) : null };
  }

  /** `idmef-admin register` for an agent host: idmef:w, sending as its analyzer id. */
  async registerAgent(a: { clientId: string; analyzerId: string; publicKey: string; name?: string }): Promise<void> {
    const r = await this.call("POST", "/v1/clients", {
      client_id: a.clientId,
      analyzer_id: a.analyzerId,
      public_key: a.publicKey,
      name: a.name ?? "e2e agent",
      permissions: ["idmef:w"],
    });
    if (r.status !== 201) throw new Error(`register ${a.clientId}: ${r.status} ${JSON.stringify(r.json)}`);
  }

  /** Every stored alert of an analyzer (all pages). */
  async alerts(analyzerid: string): Promise<AlertView[]> {
    const out: AlertView[] = [];
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams({ analyzerid, limit: "1000", ...(cursor ? { cursor } : {}) });
      const r = await this.call("GET", `/v1/alerts?${q}`);
      if (r.status !== 200) throw new Error(`GET /v1/alerts: ${r.status} ${JSON.stringify(r.json)}`);
      const page = r.json as { alerts: AlertView[]; cursor: string | null };
      out.push(...page.alerts);
      cursor = page.cursor;
    } while (cursor);
    return out;
  }

  async analyzer(analyzerid: string): Promise<AnalyzerView | undefined> {
    const r = await this.call("GET", "/v1/analyzers");
    if (r.status !== 200) throw new Error(`GET /v1/analyzers: ${r.status}`);
    return (r.json as { analyzers: AnalyzerView[] }).analyzers.find((a) => a.analyzerid === analyzerid);
  }
}
