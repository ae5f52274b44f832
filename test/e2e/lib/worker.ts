/**
 * End-to-end helpers on the server side: the real Worker (startLocalWorker: wrangler dev,
 * local D1 with the migrations), the first operator from `idmef-admin init --local`, and signed
 * API calls as that operator.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { join } from "node:path";
import { importPrivateKeyPem } from "../../../schema/signature.ts";
import { AdminApi } from "../../../agent/src/admin/api.ts";
import type { AlertView, AnalyzerView } from "../../../schema/api.ts";
import { REPO } from "./agent.ts";
import { freePort, startLocalWorker, type LocalWorker } from "../../../scripts/lib/local-worker.ts";

const run = promisify(execFile);
type PrivateKey = Awaited<ReturnType<typeof importPrivateKeyPem>>;

export type { LocalWorker };
export { freePort };

export function startWorker(persistDir: string, vars: Record<string, string> = {}): Promise<LocalWorker> {
  return startLocalWorker({ persistDir, vars });
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
  readonly #api: AdminApi;

  constructor(server: string, clientId: string, key: PrivateKey) {
    this.server = server;
    this.clientId = clientId;
    this.#api = new AdminApi(server, clientId, key);
  }

  /** The first operator, made the way an operator does it: `idmef-admin init --local --persist-to`. */
  static async bootstrap(server: string, persistDir: string, clientId = "e2e-admin"): Promise<Operator> {
    const dir = join(persistDir, "..", "admin");
    await run(process.execPath, [join(REPO, "agent/bin/idmef-admin.ts"), "init", "--local", "--persist-to", persistDir, "--dir", dir, "--admin-id", clientId], {
      cwd: REPO,
    });
    const key = await importPrivateKeyPem(readFileSync(join(dir, "admin.key"), "utf8"));
    return new Operator(server, clientId, key);
  }

  /** A signed call as idmef-admin makes it, answering the status instead of throwing on 4xx. */
  async call(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const { status, raw } = await this.#api.send(method, path, body);
    return { status, json: raw ? JSON.parse(raw) : null };
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
