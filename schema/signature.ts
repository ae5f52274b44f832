/**
 * RFC 9421 HTTP Message Signatures (Ed25519) with an RFC 9530 Content-Digest, as SPEC 3 fixes
 * them: covered components `@method`, `@target-uri`, `content-digest` and, when there is a body,
 * `content-type`; parameters `created`, `keyid`, `nonce`, `alg="ed25519"`.
 *
 * Shared by the Worker (verify), the agent's sender and idmef-admin (sign). WebCrypto only, so
 * it runs unchanged in Node 22 and workerd. Written here rather than taken from
 * `http-message-sig`: that library builds the signature base but leaves every policy check
 * (components, created, nonce, digest) to the caller, which is most of this file anyway.
 *
 * Verification runs in three steps so a server pays for each only when the previous passed:
 * parseSignature (headers only) → signatureMatches (needs the key) → checkBody (needs the body).
 * Nonce uniqueness needs server state; the caller records the nonce it gets back.
 */
import {
  fromBase64,
  fromBase64Url,
  isInnerList,
  parseDictionary,
  serializeInnerList,
  StructuredFieldError,
  toBase64,
  toBase64Url,
  type InnerList,
  type Params,
} from "./structured-fields.ts";

export const SIGNATURE_LABEL = "sig1";
export const SIGNATURE_ALG = "ed25519";
export const DEFAULT_MAX_SKEW_SECONDS = 300;
const ED25519 = { name: "Ed25519" } as const;

/** WebCrypto's CryptoKey, named through `crypto.subtle` so one file type-checks against both
 *  Node's and workerd's type declarations. */
export type CryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
export interface CryptoKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export type Body = Uint8Array | ArrayBuffer | string | null | undefined;

export interface SignRequestOptions {
  method: string;
  /** The full request URL exactly as it will be sent (it is the `@target-uri`). */
  url: string;
  body?: Body;
  /** Required when there is a body. */
  contentType?: string;
  keyId: string;
  privateKey: CryptoKey;
  /** Seconds since the epoch; defaults to now. */
  created?: number;
  /** Defaults to 16 random bytes, base64url. */
  nonce?: string;
}

/** Headers to add to the request: content-digest, signature-input, signature (+ content-type). */
export async function signRequest(o: SignRequestOptions): Promise<Record<string, string>> {
  const body = toBytes(o.body);
  const hasBody = body.byteLength > 0;
  if (hasBody && !o.contentType) throw new Error("signRequest: a body needs a contentType");
  const headers: Record<string, string> = { "content-digest": await contentDigest(body) };
  if (o.contentType) headers["content-type"] = o.contentType;
  const components = ["@method", "@target-uri", "content-digest"];
  if (o.contentType) components.push("content-type");
  const params: Params = [
    ["created", o.created ?? Math.floor(Date.now() / 1000)],
    ["keyid", o.keyId],
    ["nonce", o.nonce ?? randomNonce()],
    ["alg", SIGNATURE_ALG],
  ];
  const list: InnerList = { items: components.map((c) => ({ value: c, params: [] })), params };
  const lookup = (name: string) => headers[name];
  const base = signatureBase(o.method, o.url, lookup, list);
  const sig = new Uint8Array(await crypto.subtle.sign(ED25519, o.privateKey, new TextEncoder().encode(base)));
  headers["signature-input"] = `${SIGNATURE_LABEL}=${serializeInnerList(list)}`;
  headers["signature"] = `${SIGNATURE_LABEL}=:${toBase64(sig)}:`;
  return headers;
}

/** Why a request was refused. All but `unknown-key` are authentication failures (401). */
export type VerifyFailureReason =
  | "missing-signature"
  | "malformed-signature-input"
  | "malformed-signature"
  | "missing-component"
  | "unsupported-alg"
  | "missing-param"
  | "nonce-too-long"
  | "created-too-old"
  | "created-in-future"
  | "expired"
  | "missing-digest"
  | "malformed-digest"
  | "digest-mismatch"
  | "unknown-key"
  | "bad-signature";

export interface VerifiedSignature {
  ok: true;
  label: string;
  keyId: string;
  created: number;
  nonce: string;
  components: string[];
}
export interface VerifyFailure {
  ok: false;
  reason: VerifyFailureReason;
  detail: string;
}
export type VerifyResult = VerifiedSignature | VerifyFailure;

export interface HeaderSource {
  get(name: string): string | null;
}

/** Longest accepted nonce: 16 random bytes are 22 base64url characters; this leaves room for
 *  other signers while keeping what the server stores per request small. */
export const MAX_NONCE_LENGTH = 64;

export interface ParseSignatureOptions {
  method: string;
  url: string;
  headers: HeaderSource;
  /** Seconds since the epoch (injected so tests drive time). */
  now: number;
  maxSkewSeconds?: number;
  maxNonceLength?: number;
}

/** A signature whose headers passed every check that needs neither the key nor the body. */
export interface ParsedSignature extends VerifiedSignature {
  /** The RFC 9421 signature base, ready for the key. */
  base: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
  /** The sha-256 Content-Digest the body must match. */
  claimedDigest: Uint8Array<ArrayBuffer>;
}

export interface VerifyRequestOptions extends ParseSignatureOptions {
  /** The raw body bytes, before any parsing. */
  body: Body;
  /** The verification key for a keyid, or null when there is none (unknown or revoked). */
  resolveKey: (keyId: string) => Promise<CryptoKey | null>;
}

const fail = (reason: VerifyFailureReason, detail: string): VerifyFailure => ({ ok: false, reason, detail });

/**
 * Step 1 of 3, headers only: syntax, covered components, alg, created window, nonce length,
 * Content-Digest syntax, and the signature base. Costs no key lookup and no body read, so a
 * server can refuse garbage before either.
 */
export function parseSignature(o: ParseSignatureOptions): ParsedSignature | VerifyFailure {
  const inputHeader = o.headers.get("signature-input");
  const sigHeader = o.headers.get("signature");
  if (!inputHeader || !sigHeader) return fail("missing-signature", "Signature and Signature-Input headers are required (RFC 9421)");

  let inputs, sigs;
  try {
    inputs = parseDictionary(inputHeader);
  } catch (e) {
    return fail("malformed-signature-input", `Signature-Input is not a structured-field dictionary: ${(e as Error).message}`);
  }
  try {
    sigs = parseDictionary(sigHeader);
  } catch (e) {
    return fail("malformed-signature", `Signature is not a structured-field dictionary: ${(e as Error).message}`);
  }
  // Use the first labelled signature present in both headers.
  const label = [...inputs.keys()].find((k) => sigs.has(k));
  if (!label) return fail("malformed-signature", "no label appears in both Signature-Input and Signature");
  const input = inputs.get(label)!;
  const sigMember = sigs.get(label)!;
  if (!isInnerList(input)) return fail("malformed-signature-input", `Signature-Input ${label} is not an inner list`);
  if (isInnerList(sigMember) || !(sigMember.value instanceof Uint8Array)) {
    return fail("malformed-signature", `Signature ${label} is not a byte sequence`);
  }
  const signature = sigMember.value;
  if (signature.byteLength !== 64) return fail("malformed-signature", "an Ed25519 signature is 64 bytes");

  const components: string[] = [];
  for (const item of input.items) {
    if (typeof item.value !== "string" || item.params.length > 0) {
      return fail("malformed-signature-input", "covered components must be plain strings without parameters");
    }
    if (components.includes(item.value)) return fail("malformed-signature-input", `component ${item.value} listed twice`);
    components.push(item.value);
  }
  // content-type is also required when there is a body; checkBody sees the body and checks that.
  const required = ["@method", "@target-uri", "content-digest"];
  if (o.headers.get("content-type") !== null) required.push("content-type");
  const missing = required.filter((c) => !components.includes(c));
  if (missing.length > 0) return fail("missing-component", `the signature must cover ${missing.join(", ")}`);

  const param = (k: string) => input.params.find(([name]) => name === k)?.[1];
  const alg = param("alg");
  if (alg !== SIGNATURE_ALG) return fail("unsupported-alg", `alg must be "${SIGNATURE_ALG}"`);
  const created = param("created");
  const keyId = param("keyid");
  const nonce = param("nonce");
  if (typeof created !== "number" || !Number.isInteger(created)) return fail("missing-param", "created (integer seconds) is required");
  if (typeof keyId !== "string" || keyId === "") return fail("missing-param", "keyid (the client id) is required");
  if (typeof nonce !== "string" || nonce === "") return fail("missing-param", "nonce is required");
  const maxNonce = o.maxNonceLength ?? MAX_NONCE_LENGTH;
  if (nonce.length > maxNonce) return fail("nonce-too-long", `nonce is ${nonce.length} characters; the limit is ${maxNonce}`);

  const skew = o.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS;
  if (created < o.now - skew) return fail("created-too-old", `created is ${o.now - created} s old (limit ${skew} s)`);
  if (created > o.now + skew) return fail("created-in-future", `created is ${created - o.now} s ahead of the server clock (limit ${skew} s)`);
  const expires = param("expires");
  if (typeof expires === "number" && expires < o.now) return fail("expired", "the signature's expires time has passed");

  const digestHeader = o.headers.get("content-digest");
  if (!digestHeader) return fail("missing-digest", "Content-Digest is required (RFC 9530, sha-256)");
  let claimedDigest: Uint8Array<ArrayBuffer>;
  try {
    const d = parseDictionary(digestHeader).get("sha-256");
    if (!d || isInnerList(d) || !(d.value instanceof Uint8Array)) return fail("malformed-digest", "Content-Digest needs a sha-256 byte sequence");
    claimedDigest = d.value;
  } catch (e) {
    if (e instanceof StructuredFieldError) return fail("malformed-digest", `Content-Digest: ${e.message}`);
    throw e;
  }

  let base: string;
  try {
    base = signatureBase(o.method, o.url, (name) => o.headers.get(name) ?? undefined, input);
  } catch (e) {
    return fail("missing-component", (e as Error).message);
  }
  const encoded = new TextEncoder().encode(base) as Uint8Array<ArrayBuffer>;
  return { ok: true, label, keyId, created, nonce, components, base: encoded, signature, claimedDigest };
}

/** Step 2: the signature over the headers (which include the claimed digest) with the key. */
export async function signatureMatches(parsed: ParsedSignature, key: CryptoKey): Promise<boolean> {
  return crypto.subtle.verify(ED25519, key, parsed.signature, parsed.base);
}

/** Step 3, once the body is read: a body must be typed (content-type covered) and match the digest. */
export async function checkBody(parsed: ParsedSignature, body: Body): Promise<VerifyFailure | null> {
  const bytes = toBytes(body);
  if (bytes.byteLength > 0 && !parsed.components.includes("content-type")) {
    return fail("missing-component", "the signature must cover content-type");
  }
  const actual = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  if (!bytesEqual(parsed.claimedDigest, actual)) return fail("digest-mismatch", "Content-Digest does not match the body");
  return null;
}

/** The three steps in order, for callers that hold the whole request (tests, tools). */
export async function verifyRequest(o: VerifyRequestOptions): Promise<VerifyResult> {
  const parsed = parseSignature(o);
  if (!parsed.ok) return parsed;
  const key = await o.resolveKey(parsed.keyId);
  if (!key) return fail("unknown-key", `no active key for keyid "${parsed.keyId}"`);
  if (!(await signatureMatches(parsed, key))) return fail("bad-signature", "the signature does not verify with the client's key");
  const bodyFailure = await checkBody(parsed, o.body);
  if (bodyFailure) return bodyFailure;
  const { label, keyId, created, nonce, components } = parsed;
  return { ok: true, label, keyId, created, nonce, components };
}

/** RFC 9421 §2.5 for the components this protocol uses. */
function signatureBase(method: string, url: string, header: (name: string) => string | undefined, list: InnerList): string {
  const lines: string[] = [];
  for (const item of list.items) {
    const name = item.value as string;
    let value: string | undefined;
    if (name === "@method") value = method.toUpperCase();
    else if (name === "@target-uri") value = url;
    else if (name.startsWith("@")) throw new Error(`unsupported derived component ${name}`);
    else value = header(name)?.trim();
    if (value === undefined) throw new Error(`covered header ${name} is absent`);
    lines.push(`"${name}": ${value}`);
  }
  lines.push(`"@signature-params": ${serializeInnerList(list)}`);
  return lines.join("\n");
}

/** RFC 9530 Content-Digest with sha-256. */
export async function contentDigest(body: Body): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", toBytes(body)));
  return `sha-256=:${toBase64(d)}:`;
}

function toBytes(body: Body): Uint8Array<ArrayBuffer> {
  if (body === null || body === undefined) return new Uint8Array(0);
  if (typeof body === "string") return new TextEncoder().encode(body) as Uint8Array<ArrayBuffer>;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function randomNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

// ---- keys -------------------------------------------------------------------------------

export async function generateKeyPair(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(ED25519, true, ["sign", "verify"])) as unknown as CryptoKeyPair;
}

function pemBody(pem: string, label: string): Uint8Array<ArrayBuffer> {
  const m = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (!m) throw new Error(`not a PEM ${label}`);
  return fromBase64(m[1].replace(/\s+/g, ""));
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = toBase64(new Uint8Array(der));
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, "$&\n")}-----END ${label}-----\n`;
}

export async function exportPrivateKeyPem(key: CryptoKey): Promise<string> {
  return toPem((await crypto.subtle.exportKey("pkcs8", key)) as ArrayBuffer, "PRIVATE KEY");
}

/** A PKCS#8 PEM Ed25519 private key, importable for signing and for deriving its public key. */
export async function importPrivateKeyPem(pem: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("pkcs8", pemBody(pem, "PRIVATE KEY"), ED25519, true, ["sign"]);
}

/** The raw 32-byte public key as base64url (what is registered; a JWK's `x`). */
export async function exportPublicKeyRaw(key: CryptoKey): Promise<string> {
  if (key.type === "private") {
    const jwk = (await crypto.subtle.exportKey("jwk", key)) as { x?: string };
    if (!jwk.x) throw new Error("private key export has no public part");
    return jwk.x;
  }
  return toBase64Url(new Uint8Array((await crypto.subtle.exportKey("raw", key)) as ArrayBuffer));
}

export async function exportPublicKeyPem(key: CryptoKey): Promise<string> {
  return toPem((await crypto.subtle.exportKey("spki", key)) as ArrayBuffer, "PUBLIC KEY");
}

/** A verify key from raw base64url (32 bytes) or a PEM SPKI. Throws on anything else. */
export async function importPublicKey(text: string): Promise<CryptoKey> {
  const t = text.trim();
  if (t.startsWith("-----BEGIN PUBLIC KEY-----")) {
    return crypto.subtle.importKey("spki", pemBody(t, "PUBLIC KEY"), ED25519, true, ["verify"]);
  }
  const raw = fromBase64Url(t);
  if (raw.byteLength !== 32) throw new Error("an Ed25519 public key is 32 bytes (base64url, 43 characters)");
  return crypto.subtle.importKey("raw", raw, ED25519, true, ["verify"]);
}

/** Normalise a registered key (raw base64url or PEM SPKI) to raw base64url; throws if invalid. */
export async function normalizePublicKey(text: string): Promise<string> {
  return exportPublicKeyRaw(await importPublicKey(text));
}
