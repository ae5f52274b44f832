/**
 * Every way a request can fail authentication: the status, the problem reason, and that nothing
 * was stored (the request carries a valid alert batch, so a wrongly accepted one would show).
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { contentDigest, generateKeyPair, signRequest } from "../../schema/signature.ts";
import { alert, BASE, counts, expectNothingStored, makeClient, postMessages, problem, send, type TestClient } from "./helpers.ts";

async function writer(): Promise<TestClient> {
  return makeClient(["idmef:w"]);
}

async function refused(res: Response, status: number, reason?: string, before?: Awaited<ReturnType<typeof counts>>) {
  expect(res.status).toBe(status);
  const p = await problem(res);
  expect(p.status).toBe(status);
  expect(p.detail).toBeTruthy();
  if (reason) expect(p.reason).toBe(reason);
  if (before) await expectNothingStored(before);
  return p;
}

describe("signature checks (401)", () => {
  it("accepts a correctly signed request (control)", async () => {
    const c = await writer();
    const res = await postMessages(c, [alert(c.analyzerId!)]);
    expect(res.status).toBe(200);
  });

  it("refuses a request without Signature", async () => {
    const c = await writer();
    const before = await counts();
    await refused(await postMessages(c, [alert(c.analyzerId!)], { tamper: (h) => h.delete("signature") }), 401, "missing-signature", before);
  });

  it("refuses a request without Signature-Input", async () => {
    const c = await writer();
    const before = await counts();
    await refused(await postMessages(c, [alert(c.analyzerId!)], { tamper: (h) => h.delete("signature-input") }), 401, "missing-signature", before);
  });

  it("refuses an unsigned request with no headers at all", async () => {
    const before = await counts();
    const res = await SELF.fetch(`${BASE}/v1/alerts`);
    await refused(res, 401, "missing-signature", before);
  });

  it("refuses a garbled Signature-Input", async () => {
    const c = await writer();
    const before = await counts();
    const res = await postMessages(c, [alert(c.analyzerId!)], { tamper: (h) => h.set("signature-input", 'sig1=("@method" "@target-uri";created=1') });
    await refused(res, 401, "malformed-signature-input", before);
  });

  it("refuses a garbled Signature", async () => {
    const c = await writer();
    const before = await counts();
    await refused(await postMessages(c, [alert(c.analyzerId!)], { tamper: (h) => h.set("signature", "sig1=:not base64!:") }), 401, "malformed-signature", before);
  });

  it("refuses a signature whose label does not match Signature-Input", async () => {
    const c = await writer();
    const before = await counts();
    const res = await postMessages(c, [alert(c.analyzerId!)], { tamper: (h) => h.set("signature", h.get("signature")!.replace(/^sig1=/, "other=")) });
    await refused(res, 401, "malformed-signature", before);
  });

  it("refuses a signature that does not cover content-type", async () => {
    const c = await writer();
    const before = await counts();
    const res = await postMessages(c, [alert(c.analyzerId!)], {
      tamper: (h) => h.set("signature-input", h.get("signature-input")!.replace(' "content-type"', "")),
    });
    await refused(res, 401, "missing-component", before);
  });

  it("refuses a signature made with another key (wrong key)", async () => {
    const c = await writer();
    const other = await generateKeyPair();
    const before = await counts();
    await refused(await postMessages(c, [alert(c.analyzerId!)], { signWith: other.privateKey }), 401, "bad-signature", before);
  });

  it("refuses a Content-Digest changed after signing (the signature covers it)", async () => {
    const c = await writer();
    const before = await counts();
    const digest = await contentDigest("something else");
    await refused(await postMessages(c, [alert(c.analyzerId!)], { tamper: (h) => h.set("content-digest", digest) }), 401, "bad-signature", before);
  });

  it("refuses a request without Content-Digest", async () => {
    const c = await writer();
    const before = await counts();
    await refused(await postMessages(c, [alert(c.analyzerId!)], { tamper: (h) => h.delete("content-digest") }), 401, "missing-digest", before);
  });

  it("refuses a body changed after signing", async () => {
    const c = await writer();
    const before = await counts();
    const signed = JSON.stringify([alert(c.analyzerId!, 1)]);
    const changed = JSON.stringify([alert(c.analyzerId!, 2)]);
    await refused(await send(c, "POST", "/v1/messages", { body: signed, sendBody: changed }), 401, "digest-mismatch", before);
  });

  it("refuses a changed body whose digest was recomputed (the signature covers the digest)", async () => {
    const c = await writer();
    const before = await counts();
    const changed = JSON.stringify([alert(c.analyzerId!, 2)]);
    const digest = await contentDigest(changed);
    const res = await send(c, "POST", "/v1/messages", {
      body: JSON.stringify([alert(c.analyzerId!, 1)]),
      sendBody: changed,
      tamper: (h) => h.set("content-digest", digest),
    });
    await refused(res, 401, "bad-signature", before);
  });

  it("refuses a request sent to another URI than the one signed", async () => {
    const c = await writer();
    const before = await counts();
    const body = JSON.stringify([alert(c.analyzerId!)]);
    const headers = await signRequest({ method: "POST", url: `${BASE}/v1/other`, body, contentType: "application/json", keyId: c.id, privateKey: c.privateKey });
    await refused(await SELF.fetch(`${BASE}/v1/messages`, { method: "POST", headers, body }), 401, "bad-signature", before);
  });

  it("refuses created more than the skew in the past", async () => {
    const c = await writer();
    const before = await counts();
    const created = Math.floor(Date.now() / 1000) - 301;
    await refused(await postMessages(c, [alert(c.analyzerId!)], { created }), 401, "created-too-old", before);
  });

  it("refuses created more than the skew in the future", async () => {
    const c = await writer();
    const before = await counts();
    const created = Math.floor(Date.now() / 1000) + 301;
    await refused(await postMessages(c, [alert(c.analyzerId!)], { created }), 401, "created-in-future", before);
  });

  it("accepts created just inside the skew", async () => {
    const c = await writer();
    const res = await postMessages(c, [alert(c.analyzerId!)], { created: Math.floor(Date.now() / 1000) - 290 });
    expect(res.status).toBe(200);
  });

  it("refuses a replayed request (same nonce, same key)", async () => {
    const c = await writer();
    const body = JSON.stringify([alert(c.analyzerId!)]);
    const url = `${BASE}/v1/messages`;
    const headers = await signRequest({ method: "POST", url, body, contentType: "application/json", keyId: c.id, privateKey: c.privateKey });
    expect((await SELF.fetch(url, { method: "POST", headers, body })).status).toBe(200);
    const before = await counts();
    await refused(await SELF.fetch(url, { method: "POST", headers, body }), 401, "replayed-nonce", before);
  });

  it("refuses a reused nonce even with a fresh signature and body", async () => {
    const c = await writer();
    expect((await postMessages(c, [alert(c.analyzerId!, 1)], { nonce: "fixed-nonce" })).status).toBe(200);
    const before = await counts();
    await refused(await postMessages(c, [alert(c.analyzerId!, 2)], { nonce: "fixed-nonce" }), 401, "replayed-nonce", before);
  });

  it("refuses a replay of a request that stored nothing (all messages invalid, or all duplicates)", async () => {
    const c = await writer();
    expect((await postMessages(c, [{ version: "1.0", alert: {} }], { nonce: "n-invalid" })).status).toBe(200);
    expect((await postMessages(c, [{ version: "1.0", alert: {} }], { nonce: "n-invalid" })).status).toBe(401);
    const m = alert(c.analyzerId!, 1);
    expect((await postMessages(c, [m], { nonce: "n-a" })).status).toBe(200);
    expect((await postMessages(c, [m], { nonce: "n-b" })).status).toBe(200);
    const before = await counts();
    await refused(await postMessages(c, [m], { nonce: "n-b" }), 401, "replayed-nonce", before);
  });

  it("refuses a replayed GET and a replayed admin request", async () => {
    const admin = await makeClient(["admin:r", "idmef:r"], { analyzerId: null });
    const url = `${BASE}/v1/clients`;
    const headers = await signRequest({ method: "GET", url, keyId: admin.id, privateKey: admin.privateKey });
    expect((await SELF.fetch(url, { headers })).status).toBe(200);
    await refused(await SELF.fetch(url, { headers }), 401, "replayed-nonce");
  });

  it("lets two clients use the same nonce (nonces are per key)", async () => {
    const a = await writer();
    const b = await writer();
    expect((await postMessages(a, [alert(a.analyzerId!)], { nonce: "shared" })).status).toBe(200);
    expect((await postMessages(b, [alert(b.analyzerId!)], { nonce: "shared" })).status).toBe(200);
  });
});

describe("client checks (401, the same answer as a bad signature)", () => {
  it("refuses an unknown client", async () => {
    const c = await writer();
    const before = await counts();
    const ghost: TestClient = { ...c, id: "no-such-client" };
    const p = await refused(await postMessages(ghost, [alert(c.analyzerId!)]), 401, "bad-signature", before);
    expect(p.detail).not.toContain("no-such-client");
  });

  it("refuses a client revoked between two requests", async () => {
    const c = await writer();
    const admin = await makeClient(["admin:w", "admin:r"], { analyzerId: null });
    expect((await postMessages(c, [alert(c.analyzerId!, 1)])).status).toBe(200);
    expect((await send(admin, "DELETE", `/v1/clients/${c.id}`)).status).toBe(200);
    const before = await counts();
    const p = await refused(await postMessages(c, [alert(c.analyzerId!, 2)]), 401, "bad-signature", before);
    expect(p.detail).not.toContain(c.id);
  });
});
