/** idmef-admin stream / export / status / stream-types against the real Worker (wrangler dev, local D1 + R2). */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminApi } from "../../agent/src/admin/api.ts";
import { main } from "../../agent/src/admin/cli.ts";
import { stream } from "../../agent/src/admin/stream.ts";
import { exportPublicKeyRaw, generateKeyPair, signRequest, type CryptoKey } from "../../schema/signature.ts";
import { startLocalWorker, type LocalWorker } from "../../scripts/lib/local-worker.ts";

let worker: LocalWorker;
let tmp: string;
let keys: string;
let agentKey: CryptoKey;

async function admin(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(["--server", worker.url, "--key", join(keys, "admin.key"), ...argv], (s) => (out += s));
  return { code, out };
}

function alertAt(messageid: string, t: number, classification = "Failed login") {
  const time = new Date(t).toISOString().replace("Z", "+00:00");
  return {
    version: "1.0",
    alert: {
      messageid,
      analyzer: [{ analyzerid: "an-hist", name: "idmef-agent", node: { name: "db-1" } }],
      create_time: time,
      detect_time: time,
      classification: { text: classification },
      assessment: { impact: { severity: "high", completion: "failed" } },
    },
  };
}

async function post(body: unknown): Promise<void> {
  const url = `${worker.url}/v1/messages`;
  const text = JSON.stringify(body);
  const headers = await signRequest({ method: "POST", url, body: text, contentType: "application/json", keyId: "hist-agent", privateKey: agentKey });
  const res = await request(url, { method: "POST", headers, body: text });
  expect(res.statusCode).toBe(200);
  await res.body.text();
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "idmef-admin-history-"));
  keys = join(tmp, "keys");
  worker = await startLocalWorker({ persistDir: join(tmp, "state") });
  let out = "";
  expect(await main(["init", "--local", "--persist-to", join(tmp, "state"), "--dir", keys, "--admin-id", "ops"], (s) => (out += s))).toBe(0);
  const pair = await generateKeyPair();
  agentKey = pair.privateKey;
  const reg = await admin("register", "--client-id", "hist-agent", "--analyzer-id", "an-hist", "--public-key", await exportPublicKeyRaw(pair.publicKey), "--permissions", "idmef:w");
  expect(reg, "register").toMatchObject({ code: 0 });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("idmef-admin history commands", () => {
  it("stream resumes from its bookmark file without gaps or repeats, in jsonl, csv and text", async () => {
    const bm = join(tmp, "bookmark");
    const day = 86_400_000;
    await post([alertAt("s-1", Date.now() - 3 * day), alertAt("s-2", Date.now())]);
    const first = await admin("stream", "--types", "alert", "--bookmark-file", bm);
    expect(first.code).toBe(0);
    expect(first.out.trim().split("\n").map((l) => JSON.parse(l).messageid)).toEqual(["s-1", "s-2"]);
    // A late, old-dated alert and a control-character classification arrive after the first run.
    await post([alertAt("s-3", Date.now() - 10 * day, "evil\x1b[31m,=cmd")]);
    const again = await admin("stream", "--types", "alert", "--bookmark-file", bm, "--format", "csv");
    const lines = again.out.trim().split("\n");
    expect(lines[0]).toBe("received_at,type,analyzerid,messageid,time,classification,severity");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",s-3,");
    expect(lines[1]).toContain(`"evil\x1b[31m,=cmd"`);
    const text = await admin("stream", "--types", "alert", "--format", "text");
    expect(text.out).toContain("evil\\x1b[31m,=cmd");
    expect(text.out).not.toContain("\x1b");
    expect(readFileSync(bm, "utf8").trim()).toMatch(/^s1\./);

    // --follow picks up what arrives while it waits, then stops on abort.
    const api = await AdminApi.open(worker.url, join(keys, "admin.key"));
    const ac = new AbortController();
    let out = "";
    const following = stream(api, { types: "alert", format: "jsonl", follow: true, bookmarkFile: bm, out: (s) => (out += s), minWaitMs: 100, maxWaitMs: 200, signal: ac.signal });
    await post([alertAt("s-4", Date.now() - 20 * day)]);
    for (let i = 0; i < 100 && !out.includes("s-4"); i++) await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    expect(await following).toBe(1);
    expect(JSON.parse(out).messageid).toBe("s-4");
  }, 60_000);

  it("export writes each alert of the range once, in detect order, exactly as received; status and stream-types", async () => {
    const base = Date.UTC(2026, 5, 1);
    const sent = [alertAt("e-2", base + 2000), alertAt("e-1", base + 1000), alertAt("e-3", base + 3000, "quote \" é")];
    await post(sent);
    const api = await AdminApi.open(worker.url, join(keys, "admin.key"));
    await api.call("POST", "/v1/triage", { status: "closed", reason: "false_positive", note: "scanner, \"known\"", alerts: [{ analyzerid: "an-hist", messageid: "e-2" }] });
    const jsonl = await admin("export", "--since", new Date(base).toISOString(), "--until", new Date(base + 60_000).toISOString());
    expect(jsonl.code).toBe(0);
    const byId = new Map(sent.map((m) => [m.alert.messageid, JSON.stringify(m)]));
    const lines = jsonl.out.trim().split("\n");
    // The message is embedded verbatim (the bytes received) beside its triage state.
    expect(lines.map((l) => l.slice(l.indexOf(',"message":') + ',"message":'.length, -1))).toEqual(["e-1", "e-2", "e-3"].map((id) => byId.get(id)));
    const parsed = lines.map((l) => JSON.parse(l) as { messageid: string; triage: { status: string; reason: string; note: string; actor: string } | null });
    expect(parsed.map((p) => p.triage?.status ?? null)).toEqual([null, "closed", null]);
    expect(parsed[1].triage).toMatchObject({ reason: "false_positive", note: 'scanner, "known"', actor: "client:ops" });
    const csv = await admin("export", "--since", String(base), "--until", String(base + 60_000), "--format", "csv", "--analyzer", "an-hist");
    const rows = csv.out.trim().split("\n");
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/,triage_status,triage_reason,triage_note,triage_actor,triage_at$/);
    expect(rows[1]).toMatch(/,e-1,.*,open,,,,$/);
    expect(rows[2]).toMatch(/,e-2,.*,closed,false_positive,"scanner, ""known""",client:ops,\d{4}-/);

    const st = await admin("status");
    expect(st.code).toBe(0);
    expect(st.out).toMatch(/^database: [\d.]+ MB of 10000\.0 MB/);
    expect(st.out).toContain("archive: 0 objects");

    const types = await admin("stream-types", "ops", "health");
    expect(types.out).toContain("ops may stream health");
    const refused = await admin("stream", "--types", "alert");
    expect(refused.code).toBe(1);
    expect((await admin("stream-types", "ops", "all")).code).toBe(0);
  }, 60_000);
});
