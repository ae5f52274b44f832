import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { exportPublicKeyPem, exportPublicKeyRaw, generateKeyPair } from "../../schema/signature.ts";
import { alert, counts, expectNothingStored, makeClient, postMessages, problem, send, uniq, type TestClient } from "./helpers.ts";

const admin = () => makeClient(["admin:r", "admin:w", "idmef:r"], { analyzerId: null });

async function register(by: TestClient, body: unknown) {
  return send(by, "POST", "/v1/clients", { body: JSON.stringify(body) });
}

describe("/v1/clients", () => {
  it("registers a client that can then send as its analyzer (raw base64url key)", async () => {
    const a = await admin();
    const kp = await generateKeyPair();
    const id = uniq("agent");
    const analyzerId = uniq("an");
    const res = await register(a, { client_id: id, name: "host-a", analyzer_id: analyzerId, public_key: await exportPublicKeyRaw(kp.publicKey), permissions: ["idmef:w"] });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ client_id: id, name: "host-a", analyzer_id: analyzerId, permissions: ["idmef:w"], revoked_at: null });
    const agent: TestClient = { id, analyzerId, privateKey: kp.privateKey, publicKey: "" };
    expect((await postMessages(agent, [alert(analyzerId)])).status).toBe(200);
  });

  it("accepts a PEM SPKI key and stores it as raw base64url", async () => {
    const a = await admin();
    const kp = await generateKeyPair();
    const res = await register(a, { client_id: uniq("pem"), analyzer_id: uniq("an"), public_key: await exportPublicKeyPem(kp.publicKey), permissions: ["idmef:w"] });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { public_key: string }).public_key).toBe(await exportPublicKeyRaw(kp.publicKey));
  });

  it("lists clients", async () => {
    const a = await admin();
    const res = await send(a, "GET", "/v1/clients");
    expect(res.status).toBe(200);
    const { clients } = (await res.json()) as { clients: Array<{ client_id: string; permissions: string[] }> };
    expect(clients.find((c) => c.client_id === a.id)?.permissions).toEqual(["admin:r", "admin:w", "idmef:r"]);
  });

  it("400 for a bad registration, a bad key, unknown permissions; nothing stored", async () => {
    const a = await admin();
    const before = await counts();
    const base = { client_id: uniq("x"), analyzer_id: uniq("an"), public_key: await exportPublicKeyRaw((await generateKeyPair()).publicKey), permissions: ["idmef:w"] };
    for (const body of [
      { ...base, public_key: "AAAA" },
      { ...base, public_key: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" },
      { ...base, permissions: ["root"] },
      { ...base, permissions: [] },
      { ...base, client_id: "has space" },
      { ...base, extra: 1 },
      { name: "no id" },
    ]) {
      const res = await register(a, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await problem(res)).detail).toBeTruthy();
    }
    expect((await send(a, "POST", "/v1/clients", { body: "{nope" })).status).toBe(400);
    await expectNothingStored(before);
  });

  it("409 for a taken client id, and for an analyzer an active client holds", async () => {
    const a = await admin();
    const existing = await makeClient(["idmef:w"]);
    const key = await exportPublicKeyRaw((await generateKeyPair()).publicKey);
    const before = await counts();
    expect((await register(a, { client_id: existing.id, analyzer_id: uniq("an"), public_key: key, permissions: ["idmef:w"] })).status).toBe(409);
    expect((await register(a, { client_id: uniq("n"), analyzer_id: existing.analyzerId, public_key: key, permissions: ["idmef:w"] })).status).toBe(409);
    await expectNothingStored(before);
  });

  it("revokes: DELETE answers the client with revoked_at, the next request is refused, again is idempotent", async () => {
    const a = await admin();
    const victim = await makeClient(["idmef:w"]);
    const res = await send(a, "DELETE", `/v1/clients/${victim.id}`);
    expect(res.status).toBe(200);
    const first = (await res.json()) as { revoked_at: string };
    expect(first.revoked_at).toMatch(/^\d{4}-/);
    expect((await postMessages(victim, [alert(victim.analyzerId!)])).status).toBe(401);
    const again = (await (await send(a, "DELETE", `/v1/clients/${victim.id}`)).json()) as { revoked_at: string };
    expect(again.revoked_at).toBe(first.revoked_at);
    // A revoked analyzer id can be given to a new client (key rotation).
    const key = await exportPublicKeyRaw((await generateKeyPair()).publicKey);
    expect((await register(a, { client_id: uniq("rotated"), analyzer_id: victim.analyzerId, public_key: key, permissions: ["idmef:w"] })).status).toBe(201);
  });

  it("404 when revoking an unknown client", async () => {
    const a = await admin();
    expect((await send(a, "DELETE", "/v1/clients/ghost")).status).toBe(404);
  });

  it("an admin revoking itself is refused on its next request", async () => {
    const a = await admin();
    expect((await send(a, "DELETE", `/v1/clients/${a.id}`)).status).toBe(200);
    expect((await send(a, "GET", "/v1/clients")).status).toBe(401);
    const row = await env.DB.prepare("SELECT revoked_at FROM clients WHERE id = ?").bind(a.id).first<{ revoked_at: number }>();
    expect(row!.revoked_at).toBeGreaterThan(0);
  });
});
