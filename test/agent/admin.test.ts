/** idmef-admin against the real Worker (wrangler dev, local D1): init, register, the agent
 *  sends, alerts/analyzers/list read it back, revoke cuts the agent off on its next request. */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../agent/src/admin/cli.ts";
import { exportPublicKeyRaw, generateKeyPair, signRequest, type CryptoKey } from "../../schema/signature.ts";
import { startLocalWorker, type LocalWorker } from "../../scripts/lib/local-worker.ts";

let worker: LocalWorker;
let tmp: string;
let state: string;
let keys: string;

/** Runs the CLI in-process; stderr is captured too (errors quote server text). */
async function admin(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    const code = await main(argv, (s) => (out += s));
    return { code, out, err };
  } finally {
    process.stderr.write = write;
  }
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

  it("init --force puts a new 0600 key in place by rename, never into the old file and its mode", async () => {
    const dir = join(tmp, "forced");
    expect((await admin("init", "--local", "--persist-to", state, "--dir", dir, "--admin-id", "ops-old")).code).toBe(0);
    const key = join(dir, "admin.key");
    chmodSync(key, 0o644); // a loosened old key: the new one must not inherit this
    const before = statSync(key);
    const old = readFileSync(key, "utf8");
    expect((await admin("init", "--local", "--persist-to", state, "--dir", dir, "--admin-id", "ops-new", "--force")).code).toBe(0);
    const after = statSync(key);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o600);
    expect(readFileSync(key, "utf8")).not.toBe(old);
    expect(readdirSync(dir).sort()).toEqual(["admin.json", "admin.key"]);
    expect((await admin("--server", worker.url, "--key", key, "list")).code).toBe(0);
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

  it("takes a public key that starts with '-' (one base64url key in 64 does) as the option's value", async () => {
    const key = "-" + (await exportPublicKeyRaw((await generateKeyPair()).publicKey)).slice(1);
    const r = await asAdmin("register", "--client-id", "dash-1", "--analyzer-id", "an-dash-1", "--public-key", key, "--permissions", "idmef:w");
    expect(r, "register").toMatchObject({ code: 0 });
    expect((await asAdmin("list")).out).toMatch(/dash-1/);
  });

  it("revoke cuts the client off on its very next request", async () => {
    const pair = await generateKeyPair();
    const reg = await asAdmin("register", "--client-id", "db-1", "--analyzer-id", "an-db-1", "--public-key", await exportPublicKeyRaw(pair.publicKey), "--permissions", "idmef:w");
    expect(reg, "register").toMatchObject({ code: 0 });
    expect(await agentPost("db-1", pair.privateKey, alertFrom("an-db-1", "x-1"))).toBe(200);
    const r = await asAdmin("revoke", "db-1");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^revoked db-1 at \d{4}-/);
    expect(await agentPost("db-1", pair.privateKey, alertFrom("an-db-1", "x-2"))).toBe(401);
    expect((await asAdmin("list")).out).toMatch(/db-1 .*revoked/);
  });

  it("shows server strings with control and bidi characters escaped, in tables, JSON and errors", async () => {
    // What a rooted host can put into its own alerts and heartbeats: cursor up + erase below,
    // an OSC 52 clipboard write, a C1 CSI, a bidi override, DEL.
    const evil = "Evil \x1b[3A\x1b[J row \x1b]52;c;ZWNobyBwd25lZA==\x07 \u009b2J \u202eoverride\u2066 \x7f end";
    const pair = await generateKeyPair();
    expect((await asAdmin("register", "--client-id", "evil-1", "--analyzer-id", "an-evil", "--name", `host \x1b]0;title\x07`,
      "--public-key", await exportPublicKeyRaw(pair.publicKey), "--permissions", "idmef:w")).code).toBe(0);
    const a = alertFrom("an-evil", "evil-m1");
    a.alert.classification.text = evil;
    a.alert.analyzer[0].node.name = "node\x1b[2J";
    const hb = {
      version: "1.0",
      heartbeat: {
        messageid: "evil-hb1",
        analyzer: [{ analyzerid: "an-evil", name: "agent\u202e\x1b[31m", node: { name: "n\x9b1m" } }],
        create_time: new Date().toISOString().replace("Z", "+00:00"),
        heartbeat_interval: 600,
        additional_data: [{ meaning: "Analyzer status", type: "string", data: "running" }],
      },
    };
    expect(await agentPost("evil-1", pair.privateKey, [a, hb])).toBe(200);

    const unsafe = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    const alerts = await asAdmin("alerts", "--analyzer", "an-evil");
    expect(alerts.code).toBe(0);
    expect(alerts.out).not.toMatch(unsafe);
    expect(alerts.out).not.toContain("\x1b");
    expect(alerts.out).toContain(String.raw`Evil \x1b[3A\x1b[J row \x1b]52;c;ZWNobyBwd25lZA==\x07 \x9b2J \u202eoverride\u2066 \x7f end`);
    for (const cmd of [["analyzers"], ["list"]]) {
      const r = await asAdmin(...cmd);
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(unsafe);
    }
    expect((await asAdmin("list")).out).toContain(String.raw`host \x1b]0;title\x07`);
    // Errors quote what the server said (here the id it did not find) and are escaped as well.
    const missing = await asAdmin("revoke", "no\x1b[2Jbody");
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^idmef-admin revoke: DELETE /);
    expect(missing.err).not.toMatch(unsafe);

    // --json: the same values once parsed, but no raw C1/bidi/DEL on the terminal either.
    const json = await asAdmin("--json", "alerts", "--analyzer", "an-evil");
    expect(json.out).not.toMatch(unsafe);
    expect((JSON.parse(json.out) as { alerts: { classification: string }[] }).alerts[0].classification).toBe(evil);

    // A literal backslash sequence stays distinguishable from an escaped control character.
    const lit = alertFrom("an-evil", "evil-m2");
    lit.alert.classification.text = String.raw`looks like \x1b`;
    expect(await agentPost("evil-1", pair.privateKey, lit)).toBe(200);
    expect((await asAdmin("alerts", "--analyzer", "an-evil")).out).toContain(String.raw`looks like \\x1b`);
  });

  it("refuses admin permissions for a client bound to an analyzer unless --force, which it sends", async () => {
    const pair = await generateKeyPair();
    const key = await exportPublicKeyRaw(pair.publicKey);
    const refused = await asAdmin("register", "--client-id", "host-admin", "--analyzer-id", "an-host", "--public-key", key, "--permissions", "idmef:w,admin:w");
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/refusing to give admin:w to host-admin, a client bound to analyzer an-host.*--force/);
    expect((await asAdmin("list")).out).not.toContain("host-admin");
    // An operator client (no analyzer id) gets admin permissions as before.
    expect((await asAdmin("register", "--client-id", "ops-2", "--public-key", key, "--permissions", "admin:r")).code).toBe(0);

    // --force: what goes on the wire (the Worker decides with it), seen by a local server.
    const bodies: unknown[] = [];
    const srv = createServer((req, res) => {
      let b = "";
      req.setEncoding("utf8").on("data", (d: string) => (b += d)).on("end", () => {
        bodies.push(JSON.parse(b));
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ client_id: "host-admin", name: "", analyzer_id: "an-host", public_key: key, permissions: ["idmef:w", "admin:w"], created_at: "x", revoked_at: null }));
      });
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
      const forced = await admin("--server", url, "--key", join(keys, "admin.key"), "register", "--force", "--client-id", "host-admin",
        "--analyzer-id", "an-host", "--public-key", key, "--permissions", "idmef:w,admin:w");
      expect(forced.code).toBe(0);
      expect(bodies).toEqual([expect.objectContaining({ client_id: "host-admin", analyzer_id: "an-host", permissions: ["idmef:w", "admin:w"], force: true })]);
      // Without --force nothing carries the flag.
      await admin("--server", url, "--key", join(keys, "admin.key"), "register", "--client-id", "h2", "--analyzer-id", "an-h2", "--public-key", key, "--permissions", "idmef:w");
      expect(bodies[1]).not.toHaveProperty("force");
    } finally {
      srv.close();
    }
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
