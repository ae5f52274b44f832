/**
 * The verifier's policy edges, pinned one by one (issue 14): what the signature must cover, the
 * exact ends of the `created` window, and strict base64 in byte sequences. Each test has a control
 * that passes, so a failure means the checked rule moved, not that the test's signer is broken.
 *
 * The signature here is built by hand (RFC 9421 §2.5 base, Ed25519 over it), not with
 * signRequest: signRequest always covers content-digest, and an attacker's client would not.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { contentDigest, generateKeyPair, signRequest, verifyRequest, type CryptoKey } from "../../schema/signature.ts";
import { parseDictionary, type InnerList } from "../../schema/structured-fields.ts";
import { alert, BASE, counts, expectNothingStored, makeClient, problem } from "./helpers.ts";

const URL_ = "https://api.example/v1/messages";
const NOW = 1_800_000_000;
const JSON_TYPE = "application/json";

const ALL4 = ["@method", "@target-uri", "content-digest", "content-type"];
const NO_DIGEST = ["@method", "@target-uri", "content-type"];

interface HandSign {
  privateKey: CryptoKey;
  components: string[];
  /** content-type and content-digest, as sent. */
  headers: Record<string, string>;
  url?: string;
  keyId?: string;
  created?: number;
  nonce?: string;
  expires?: number;
}

/** Sign a POST by hand: the RFC 9421 §2.5 base of `components`, Ed25519 over it. */
async function handSign(o: HandSign): Promise<Record<string, string>> {
  const url = o.url ?? URL_;
  const list = `(${o.components.map((c) => `"${c}"`).join(" ")})`;
  const params = `${list};created=${o.created ?? NOW};keyid="${o.keyId ?? "c1"}";nonce="${o.nonce ?? "hand-1"}";alg="ed25519"${o.expires === undefined ? "" : `;expires=${o.expires}`}`;
  const lines = o.components.map((c) => `"${c}": ${c === "@method" ? "POST" : c === "@target-uri" ? url : o.headers[c]}`);
  lines.push(`"@signature-params": ${params}`);
  const sig = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, o.privateKey, new TextEncoder().encode(lines.join("\n"))));
  return { ...o.headers, "signature-input": `sig1=${params}`, signature: `sig1=:${btoa(String.fromCharCode(...sig))}:` };
}

function verifyAt(headers: Record<string, string>, body: string, key: CryptoKey, now = NOW, maxSkewSeconds?: number) {
  return verifyRequest({ method: "POST", url: URL_, headers: new Headers(headers), body, now, maxSkewSeconds, resolveKey: async () => key });
}

const bodyHeaders = async (body: string) => ({ "content-type": JSON_TYPE, "content-digest": await contentDigest(body) });

describe("the signature must cover content-digest", () => {
  it("a hand-made signature over all four components verifies (control for the signer below)", async () => {
    const kp = await generateKeyPair();
    const body = '{"a":1}';
    const headers = await handSign({ privateKey: kp.privateKey, components: ALL4, headers: await bodyHeaders(body) });
    expect(await verifyAt(headers, body, kp.publicKey)).toMatchObject({ ok: true, nonce: "hand-1" });
  });

  it("refuses a signature leaving content-digest out, even when the digest header matches the body", async () => {
    const kp = await generateKeyPair();
    const body = '{"a":1}';
    const headers = await handSign({ privateKey: kp.privateKey, components: NO_DIGEST, headers: await bodyHeaders(body) });
    expect(await verifyAt(headers, body, kp.publicKey)).toMatchObject({ ok: false, reason: "missing-component" });
  });

  it("so a body swapped in transit, with its digest recomputed, is refused (the body stays bound)", async () => {
    const kp = await generateKeyPair();
    const signed = await handSign({ privateKey: kp.privateKey, components: NO_DIGEST, headers: await bodyHeaders('{"a":1}') });
    const forged = '{"a":2}';
    const r = await verifyAt({ ...signed, "content-digest": await contentDigest(forged) }, forged, kp.publicKey);
    expect(r).toMatchObject({ ok: false, reason: "missing-component" });
  });

  it("a body must be typed: with no Content-Type header at all, a signature not covering content-type is refused", async () => {
    const kp = await generateKeyPair();
    const body = '{"a":1}';
    // The header-level rule only asks for content-type when the header is present; this one
    // leaves it out entirely, so only the body-level rule (checkBody) can refuse it.
    const headers = await handSign({ privateKey: kp.privateKey, components: ["@method", "@target-uri", "content-digest"], headers: { "content-digest": await contentDigest(body) } });
    expect(await verifyAt(headers, body, kp.publicKey)).toMatchObject({ ok: false, reason: "missing-component" });
    // Control: the same signature over an empty body is fine (nothing to type).
    const empty = await handSign({ privateKey: kp.privateKey, components: ["@method", "@target-uri", "content-digest"], headers: { "content-digest": await contentDigest("") } });
    expect(await verifyAt(empty, "", kp.publicKey)).toMatchObject({ ok: true });
  });

  it("@method and @target-uri are required too", async () => {
    const kp = await generateKeyPair();
    const body = "{}";
    for (const left of ["@method", "@target-uri"]) {
      const headers = await handSign({ privateKey: kp.privateKey, components: ALL4.filter((c) => c !== left), headers: await bodyHeaders(body) });
      expect(await verifyAt(headers, body, kp.publicKey), left).toMatchObject({ ok: false, reason: "missing-component" });
    }
  });

  it("the Worker answers such a request with 401 problem+json and stores nothing; the same signer covering the digest is stored", async () => {
    const c = await makeClient(["idmef:w"]);
    const url = `${BASE}/v1/messages`;
    const sign = async (components: string[], nonce: string, body: string) =>
      handSign({ privateKey: c.privateKey, components, headers: await bodyHeaders(body), url, keyId: c.id, nonce, created: Math.floor(Date.now() / 1000) });
    const body = JSON.stringify([alert(c.analyzerId!, 1)]);
    const before = await counts();
    const res = await SELF.fetch(url, { method: "POST", headers: await sign(NO_DIGEST, "hand-w1", body), body });
    expect(res.status).toBe(401);
    expect((await problem(res)).status).toBe(401);
    await expectNothingStored(before);
    const control = JSON.stringify([alert(c.analyzerId!, 2)]);
    const ok = await SELF.fetch(url, { method: "POST", headers: await sign(ALL4, "hand-w2", control), body: control });
    expect(await ok.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });
});

describe("created: the window is exactly ±maxSkewSeconds, both ends inclusive", () => {
  async function signedAt(created: number) {
    const kp = await generateKeyPair();
    const headers = await signRequest({ method: "POST", url: URL_, body: "{}", contentType: JSON_TYPE, keyId: "c1", privateKey: kp.privateKey, created });
    return { headers, key: kp.publicKey };
  }

  it.each([
    [-300, true, undefined],
    [+300, true, undefined],
    [-301, false, "created-too-old"],
    [+301, false, "created-in-future"],
    [0, true, undefined],
  ])("created = now %+d s → ok %s", async (offset, ok, reason) => {
    const { headers, key } = await signedAt(NOW + offset);
    const r = await verifyAt(headers, "{}", key);
    expect(r.ok).toBe(ok);
    if (reason) expect(r).toMatchObject({ reason });
  });

  it("uses the configured skew, not the default, at both ends", async () => {
    for (const [offset, ok] of [[-60, true], [60, true], [-61, false], [61, false], [-300, false]] as const) {
      const { headers, key } = await signedAt(NOW + offset);
      expect((await verifyAt(headers, "{}", key, NOW, 60)).ok, `offset ${offset}`).toBe(ok);
    }
  });
});

describe("expires, when the signer sets it", () => {
  it("is honoured up to and including its second, refused after", async () => {
    const kp = await generateKeyPair();
    const withExpires = async (expires: number) => handSign({ privateKey: kp.privateKey, components: ALL4, headers: await bodyHeaders("{}"), created: NOW - 10, expires });
    expect(await verifyAt(await withExpires(NOW), "{}", kp.publicKey)).toMatchObject({ ok: true });
    expect(await verifyAt(await withExpires(NOW - 1), "{}", kp.publicKey)).toMatchObject({ ok: false, reason: "expired" });
  });
});

describe("byte sequences must be canonical base64 (RFC 8941 §3.3.5), not whatever atob forgives", () => {
  async function signed() {
    const kp = await generateKeyPair();
    const headers = await signRequest({ method: "POST", url: URL_, body: "{}", contentType: JSON_TYPE, keyId: "c1", privateKey: kp.privateKey, created: NOW });
    return { headers, key: kp.publicKey };
  }

  it("control: the signer's own encoding verifies", async () => {
    const { headers, key } = await signed();
    expect((await verifyAt(headers, "{}", key)).ok).toBe(true);
  });

  it("refuses a Content-Digest without its base64 padding", async () => {
    const { headers, key } = await signed();
    const unpadded = headers["content-digest"].replace(/=+:$/, ":");
    expect(unpadded).not.toBe(headers["content-digest"]);
    expect(await verifyAt({ ...headers, "content-digest": unpadded }, "{}", key)).toMatchObject({ ok: false, reason: "malformed-digest" });
  });

  it("refuses a Content-Digest with whitespace or base64url characters inside", async () => {
    const { headers, key } = await signed();
    const d = headers["content-digest"];
    const spaced = d.slice(0, 12) + " " + d.slice(12, -2) + ":"; // same length, a space in place of one "="
    expect(await verifyAt({ ...headers, "content-digest": spaced }, "{}", key)).toMatchObject({ ok: false, reason: "malformed-digest" });
  });

  it("refuses a Signature byte sequence with whitespace inside", async () => {
    const { headers, key } = await signed();
    const sig = headers.signature; // sig1=:<86 characters>==:
    const spaced = sig.slice(0, 20) + " " + sig.slice(20, -3) + ":"; // padding dropped, a space inside
    expect(await verifyAt({ ...headers, signature: spaced }, "{}", key)).toMatchObject({ ok: false, reason: "malformed-signature" });
  });
});

describe("structured-field rules the verifier relies on", () => {
  it("a repeated parameter keeps one entry, the last value (RFC 8941 §4.2.3.2)", () => {
    const input = parseDictionary('sig1=("@method");created=1;keyid="a";created=2').get("sig1") as InnerList;
    expect(input.params).toEqual([["created", 2], ["keyid", "a"]]);
  });

  it("so a Signature-Input repeating created is judged on its last value, in the position of its first", async () => {
    const kp = await generateKeyPair();
    const h = await signRequest({ method: "POST", url: URL_, body: "{}", contentType: JSON_TYPE, keyId: "c1", privateKey: kp.privateKey, created: NOW });
    // created=old … created=NOW normalises to exactly what was signed.
    const doubled = h["signature-input"].replace(";keyid=", `;created=${NOW - 1000};keyid=`).replace(";alg=", `;created=${NOW};alg=`);
    expect(doubled).not.toBe(h["signature-input"]);
    expect(await verifyAt({ ...h, "signature-input": doubled }, "{}", kp.publicKey)).toMatchObject({ ok: true, created: NOW });
    // created=NOW … created=old: the old value counts.
    const stale = h["signature-input"].replace(";alg=", `;created=${NOW - 1000};alg=`);
    expect(await verifyAt({ ...h, "signature-input": stale }, "{}", kp.publicKey)).toMatchObject({ ok: false, reason: "created-too-old" });
  });

  it("strings hold printable ASCII only", () => {
    for (const bad of ['a="\t"', 'a="é"', 'a="\u0000"', 'a="\u007f"']) expect(() => parseDictionary(bad), JSON.stringify(bad)).toThrow();
    expect(parseDictionary('a=" ~"').get("a")).toEqual({ value: " ~", params: [] });
  });
});
