/** schema/signature.ts and its RFC 8941 subset, run in workerd (the agent runs the same code in Node). */
import { describe, expect, it } from "vitest";
import {
  exportPrivateKeyPem,
  exportPublicKeyPem,
  exportPublicKeyRaw,
  generateKeyPair,
  importPrivateKeyPem,
  importPublicKey,
  signRequest,
  verifyRequest,
  type CryptoKey,
} from "../../schema/signature.ts";
import { parseDictionary, serializeInnerList, type InnerList } from "../../schema/structured-fields.ts";

const URL_ = "https://api.example/v1/messages";
const now = 1_800_000_000;

async function verify(headers: Record<string, string>, body: string | null, key: CryptoKey, o: { method?: string; url?: string; at?: number } = {}) {
  return verifyRequest({ method: o.method ?? "POST", url: o.url ?? URL_, headers: new Headers(headers), body, now: o.at ?? now, resolveKey: async () => key });
}

describe("structured fields", () => {
  it("parses and re-serialises a Signature-Input member exactly", () => {
    const text = '("@method" "@target-uri" "content-digest" "content-type");created=1618884473;keyid="test-key-ed25519";nonce="b3k2pp5k7z";alg="ed25519"';
    const dict = parseDictionary(`sig1=${text}, sig2=("@method");created=1`);
    expect(serializeInnerList(dict.get("sig1") as InnerList)).toBe(text);
    expect([...dict.keys()]).toEqual(["sig1", "sig2"]);
  });

  it("parses byte sequences, tokens, booleans and escapes; rejects garbage", () => {
    const d = parseDictionary('a=:AQID:, b=tok, c, d=?0, e="q\\"s"');
    expect(d.get("a")).toEqual({ value: new Uint8Array([1, 2, 3]), params: [] });
    expect(d.get("b")).toEqual({ value: { token: "tok" }, params: [] });
    expect(d.get("c")).toEqual({ value: true, params: [] });
    expect(d.get("d")).toEqual({ value: false, params: [] });
    expect(d.get("e")).toEqual({ value: 'q"s', params: [] });
    for (const bad of ["a=:AQI:", "a=(", "A=1", "a=1,", 'a="\\x"', "a=1234567890123456", "a=é"]) {
      expect(() => parseDictionary(bad), bad).toThrow();
    }
  });
});

describe("keys", () => {
  it("round-trips PKCS#8 PEM, raw base64url and SPKI PEM", async () => {
    const kp = await generateKeyPair();
    const pem = await exportPrivateKeyPem(kp.privateKey);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    const priv = await importPrivateKeyPem(pem);
    const raw = await exportPublicKeyRaw(kp.publicKey);
    expect(raw).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await exportPublicKeyRaw(priv)).toBe(raw);
    expect(await exportPublicKeyRaw(await importPublicKey(await exportPublicKeyPem(kp.publicKey)))).toBe(raw);
    await expect(importPublicKey("AAAA")).rejects.toThrow(/32 bytes/);
  });
});

describe("sign and verify", () => {
  it("verifies what it signs, with the parameters SPEC 3 requires", async () => {
    const kp = await generateKeyPair();
    const h = await signRequest({ method: "post", url: URL_, body: "{}", contentType: "application/json", keyId: "c1", privateKey: kp.privateKey, created: now, nonce: "n1" });
    expect(h["signature-input"]).toBe('sig1=("@method" "@target-uri" "content-digest" "content-type");created=1800000000;keyid="c1";nonce="n1";alg="ed25519"');
    expect(h["content-digest"]).toBe("sha-256=:RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o=:");
    expect(await verify(h, "{}", kp.publicKey)).toMatchObject({ ok: true, keyId: "c1", nonce: "n1", created: now });
  });

  it("signs a GET without body or content-type", async () => {
    const kp = await generateKeyPair();
    const h = await signRequest({ method: "GET", url: URL_, keyId: "c1", privateKey: kp.privateKey, created: now });
    expect(h["signature-input"]).not.toContain("content-type");
    expect((await verify(h, null, kp.publicKey, { method: "GET" })).ok).toBe(true);
    expect((await verify(h, null, kp.publicKey, { method: "DELETE" })).ok).toBe(false);
  });

  it("names the reason for each failure", async () => {
    const kp = await generateKeyPair();
    const other = await generateKeyPair();
    const h = await signRequest({ method: "POST", url: URL_, body: "{}", contentType: "application/json", keyId: "c1", privateKey: kp.privateKey, created: now });
    const reason = async (p: Promise<{ ok: boolean; reason?: string }>) => ((await p) as { reason?: string }).reason;
    expect(await reason(verify(h, "{ }", kp.publicKey))).toBe("digest-mismatch");
    expect(await reason(verify(h, "{}", other.publicKey))).toBe("bad-signature");
    expect(await reason(verify(h, "{}", kp.publicKey, { url: URL_ + "?x=1" }))).toBe("bad-signature");
    expect(await reason(verify(h, "{}", kp.publicKey, { at: now + 301 }))).toBe("created-too-old");
    expect(await reason(verify(h, "{}", kp.publicKey, { at: now - 301 }))).toBe("created-in-future");
    expect(await reason(verify({ ...h, "signature-input": h["signature-input"].replace('alg="ed25519"', 'alg="rsa-pss-sha512"') }, "{}", kp.publicKey))).toBe("unsupported-alg");
    expect(await reason(verify({ ...h, "signature-input": h["signature-input"].replace(/;nonce="[^"]+"/, "") }, "{}", kp.publicKey))).toBe("missing-param");
    expect(await reason(verify({ ...h, "signature-input": h["signature-input"].replace(/;keyid="c1"/, "") }, "{}", kp.publicKey))).toBe("missing-param");
    expect(await reason(verify({ ...h, "content-digest": "sha-512=:AAAA:" }, "{}", kp.publicKey))).toBe("malformed-digest");
    expect(await reason(verify({ ...h, signature: "sig1=:AAAA:" }, "{}", kp.publicKey))).toBe("malformed-signature");
    const none = await verifyRequest({ method: "POST", url: URL_, headers: new Headers(h), body: "{}", now, resolveKey: async () => null });
    expect(none).toMatchObject({ ok: false, reason: "unknown-key" });
  });
});
