/** idmef-admin against the real Worker (wrangler dev, local D1): init, register, the agent
 *  sends, alerts/analyzers/list read it back, revoke cuts the agent off on its next request. */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../agent/src/admin/cli.ts";
import { exportPublicKeyRaw, generateKeyPair, signRequest, type CryptoKey } from "../../schema/signature.ts";
import { startLocalWorker, type LocalWorker } from "../../scripts/lib/local-worker.ts";

let worker: LocalWorker;
let tmp: string;
let state: string;
let keys: string;

async function admin(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(argv, (s) => (out += s));
  return { code, out };
}
const asAdmin = (...argv: string[]) => admin("--server", worker.url, "--key", join(keys, "admin.key"), ...argv);

async function agentPost(id: string, key: CryptoKey, body: unknown): Promise<number> {
  const url = `${worker.url}/v1/messages`;
  const text = JSON.stringify(body);
  const headers = await signRequest({ method: "POST", url, body: text, contentType: "application/json", keyId: id, privateKey: key });
  const res = await request(url, { method: "POST", headers, body: text });
  await res.body.text();
  return res.statusCode;
}

function alertFrom(analyzerid: string, messageid: string) {
  const t = new Date().toISOString().replace("Z", "+00:00");
  return {
    version: "1.0",
    alert: {
      messageid,
      analyzer: [{ analyzerid, name: "idmef-agent", node: { name: "web-1" } }],
      create_time: t,
      classification: { text: "Admin test alert" },
      assessment: { impact: { severity: "high", completion: "succeeded" } },
      target: [{ user: { user_id: [{ type: "target-user", name: "alice", number: 1000 }] } }],
    },
  };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "idmef-admin-"));
  state = join(tmp, "state");
  keys = join(tmp, "keys");
  worker = await startLocalWorker({ persistDir: state });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("idmef-admin", () => {
  it("init --local creates the admin key (0600), admin.json and the client row", async () => {
    const r = await admin("init", "--local", "--persist-to", state, "--dir", keys, "--admin-id", "ops");
    expect(r.code).toBe(0);
    expect(r.out).toContain('admin client "ops"');
    expect(statSync(join(keys, "admin.key")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(keys, "admin.key"), "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(JSON.parse(readFileSync(join(keys, "admin.json"), "utf8"))).toEqual({ client_id: "ops" });
    // Refuses to overwrite an existing key.
    expect((await admin("init", "--local", "--persist-to", state, "--dir", keys)).code).toBe(1);
  });

  it("registers an agent that can then send, and reads its alerts and analyzer back", async () => {
    const pair = await generateKeyPair();
    const reg = await asAdmin("--json", "register", "--client-id", "web-1", "--analyzer-id", "an-web-1",
      "--public-key", await exportPublicKeyRaw(pair.publicKey), "--permissions", "idmef:w", "--name", "web server");
    expect(reg.code).toBe(0);
    expect(JSON.parse(reg.out)).toMatchObject({ client_id: "web-1", analyzer_id: "an-web-1", permissions: ["idmef:w"], name: "web server" });

    expect(await agentPost("web-1", pair.privateKey, [alertFrom("an-web-1", "m-1"), alertFrom("an-web-1", "m-2")])).toBe(200);

    const json = await asAdmin("--json", "alerts", "--analyzer", "an-web-1", "--severity", "high");
    expect(json.code).toBe(0);
    const { alerts } = JSON.parse(json.out) as { alerts: Array<{ messageid: string; target_user: string }> };
    expect(alerts.map((a) => a.messageid).sort()).toEqual(["m-1", "m-2"]);
    expect(alerts[0].target_user).toBe("alice");

    const paged = await asAdmin("--json", "alerts", "--analyzer", "an-web-1", "--limit", "1", "--all");
    expect((JSON.parse(paged.out) as { alerts: unknown[] }).alerts).toHaveLength(2);

    const human = await asAdmin("alerts", "--classification", "Admin test alert");
    expect(human.out).toMatch(/^DETECT TIME\s+SEVERITY\s+CLASSIFICATION/);
    expect(human.out).toContain("Admin test alert");

    const an = await asAdmin("analyzers");
    expect(an.code).toBe(0);
    expect(an.out).toContain("an-web-1");

    const list = await asAdmin("list");
    expect(list.out).toMatch(/web-1\s+web server\s+an-web-1\s+idmef:w/);
  });

  it("revoke cuts the client off on its very next request", async () => {
    const pair = await generateKeyPair();
    await asAdmin("register", "--client-id", "db-1", "--analyzer-id", "an-db-1", "--public-key", await exportPublicKeyRaw(pair.publicKey), "--permissions", "idmef:w");
    expect(await agentPost("db-1", pair.privateKey, alertFrom("an-db-1", "x-1"))).toBe(200);
    const r = await asAdmin("revoke", "db-1");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^revoked db-1 at \d{4}-/);
    expect(await agentPost("db-1", pair.privateKey, alertFrom("an-db-1", "x-2"))).toBe(401);
    expect((await asAdmin("list")).out).toMatch(/db-1 .*revoked/);
  });

  it("reports API refusals and usage errors with a non-zero exit", async () => {
    expect((await asAdmin("revoke", "nobody")).code).toBe(1);
    expect((await asAdmin("register", "--client-id", "x")).code).toBe(2);
    expect((await asAdmin("frobnicate")).code).toBe(2);
    const other = join(tmp, "other");
    const wrong = await admin("init", "--local", "--persist-to", join(tmp, "elsewhere"), "--dir", other, "--admin-id", "stranger");
    expect(wrong.code).toBe(0);
    // A key registered in another database is unknown here.
    expect((await admin("--server", worker.url, "--key", join(other, "admin.key"), "list")).code).toBe(1);
  });
});
