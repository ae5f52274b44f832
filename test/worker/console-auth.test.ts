/**
 * Console sign-in through the real verification paths: Access JWTs minted here with our own RSA
 * keys (pinned through CF_ACCESS_JWKS), refused for a wrong aud / iss, expiry, a foreign key or no
 * role; Access unconfigured fails closed; one-time login links (single use, expiry); CSRF on every
 * POST; CSP nonce; alert strings escaped in the HTML.
 */
import { env } from "cloudflare:test";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey as JoseKey } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { signRequest } from "../../schema/signature.ts";
import { createLoginLink } from "../../worker/src/console/auth/sessions.ts";
import { app } from "../../worker/src/index.ts";
import { alert, BASE, makeClient, postMessages, type TestClient } from "./helpers.ts";

const ISS = "https://team.cloudflareaccess.com";
const AUD = "aud-tag-123";
let key: JoseKey;
let foreign: JoseKey;
let accessEnv: typeof env;
const linkEnv = { ...env, CONSOLE_AUTH: "link" } as typeof env;
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
const call = (path: string, init: RequestInit, e: typeof env) => app.request(BASE + path, init, e, ctx);

beforeAll(async () => {
  const kp = await generateKeyPair("RS256");
  key = kp.privateKey;
  foreign = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(kp.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  accessEnv = {
    ...env,
    CONSOLE_AUTH: "access",
    CF_ACCESS_TEAM_DOMAIN: ISS,
    CF_ACCESS_AUD: AUD,
    CF_ACCESS_JWKS: JSON.stringify({ keys: [jwk] }),
    CONSOLE_ROLES: "alice@example.com=admin,*@example.org=viewer",
  } as typeof env;
});

async function token(o: { aud?: string; iss?: string; exp?: number; email?: string; signWith?: JoseKey } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: o.email ?? "alice@example.com" })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(o.iss ?? ISS)
    .setAudience(o.aud ?? AUD)
    .setIssuedAt(now - 60)
    .setExpirationTime(o.exp ?? now + 600)
    .setSubject("user-1")
    .sign(o.signWith ?? key);
}

const withJwt = async (jwt: string) => call("/console", { headers: { "cf-access-jwt-assertion": jwt } }, accessEnv);

describe("Cloudflare Access", () => {
  it("fails closed when Access is not configured (the production default)", async () => {
    const res = await call("/console", {}, { ...env, CONSOLE_AUTH: "access", CF_ACCESS_TEAM_DOMAIN: "", CF_ACCESS_AUD: "" } as typeof env);
    expect(res.status).toBe(503);
    expect(await res.text()).not.toContain("<table");
  });

  it("lets a valid token in with its role and identity", async () => {
    const res = await withJwt(await token());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("alice@example.com");
    expect(html).toContain("(admin)");
  });

  it("refuses wrong aud, wrong iss, expired, foreign key, no header", async () => {
    const past = Math.floor(Date.now() / 1000) - 10;
    for (const jwt of [
      await token({ aud: "other-app" }),
      await token({ iss: "https://evil.cloudflareaccess.com" }),
      await token({ exp: past }),
      await token({ signWith: foreign }),
      "not.a.jwt",
    ]) {
      const res = await withJwt(jwt);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('data-testid="alerts"');
    }
    expect((await call("/console", {}, accessEnv)).status).toBe(401);
  });

  it("maps identities to roles; an identity without a role is refused; viewers cannot triage", async () => {
    expect((await withJwt(await token({ email: "mallory@example.net" }))).status).toBe(403);
    const viewer = await withJwt(await token({ email: "bob@example.org" }));
    expect(viewer.status).toBe(200);
    expect(await viewer.text()).not.toContain('data-testid="triage-form"');
    const res = await call(
      "/console/triage",
      { method: "POST", headers: { "cf-access-jwt-assertion": await token({ email: "bob@example.org" }), origin: BASE, "content-type": "application/x-www-form-urlencoded" }, body: "status=acknowledged&key=%5B%22a%22%2C%22b%22%5D" },
      accessEnv,
    );
    expect(res.status).toBe(403);
  });
});

describe("login links (embedded default)", () => {
  let admin: TestClient;
  beforeAll(async () => {
    admin = await makeClient(["admin:w"], { analyzerId: null });
  });

  const mintLink = async (e: typeof env) => {
    const url = BASE + "/v1/console/links";
    const body = "{}";
    const headers = await signRequest({ method: "POST", url, body, contentType: "application/json", keyId: admin.id, privateKey: admin.privateKey });
    return app.request(url, { method: "POST", headers, body }, e, ctx);
  };
  const redeem = (tokenValue: string, origin: string | null = BASE) =>
    call("/console/login", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...(origin ? { origin } : {}) }, body: `token=${encodeURIComponent(tokenValue)}` }, linkEnv);

  it("are refused where Access guards the console", async () => {
    expect((await mintLink(accessEnv)).status).toBe(409);
  });

  it("sign in once: HttpOnly SameSite=Strict cookie, a second use is refused, logout ends the session", async () => {
    const res = await mintLink(linkEnv);
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    const t = new URL(url).searchParams.get("token")!;
    // GET only shows the button; it does not spend the link.
    expect((await call(`/console/login?token=${t}`, {}, linkEnv)).status).toBe(200);
    expect((await redeem(t, null)).status).toBe(403); // no Origin: CSRF guard
    expect((await redeem(t, "https://evil.example")).status).toBe(403);
    const ok = await redeem(t);
    expect(ok.status).toBe(303);
    const cookie = ok.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-idmef_console=[^;]+;/); // https base: __Host- and Secure
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Secure/);
    expect((await redeem(t)).status).toBe(401);
    const session = cookie.split(";")[0];
    const page = await call("/console", { headers: { cookie: session } }, linkEnv);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`link:${admin.id}`);
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=_-]+'/);
    expect(csp).not.toContain("unsafe-inline");
    expect((await call("/console/logout", { method: "POST", headers: { cookie: session, origin: BASE } }, linkEnv)).status).toBe(303);
    expect((await call("/console", { headers: { cookie: session } }, linkEnv)).status).toBe(401);
  });

  it("expire", async () => {
    const { token: t } = await createLoginLink(env.DB, { identity: "x", role: "admin" }, Date.now() - 11 * 60_000);
    expect((await redeem(t)).status).toBe(401);
  });

  it("state-changing JSON from another origin is refused too; alert strings are escaped", async () => {
    const { token: t } = await createLoginLink(env.DB, { identity: "op", role: "triager" }, Date.now());
    const session = (await redeem(t)).headers.get("set-cookie")!.split(";")[0];
    const res = await call("/console/triage", { method: "POST", headers: { cookie: session, origin: "https://evil.example", "content-type": "application/json" }, body: "{}" }, linkEnv);
    expect(res.status).toBe(403);
    const writer = await makeClient(["idmef:w"]);
    const evil = alert(writer.analyzerId!, 0, { classification: '<img src=x onerror=alert(1)></script><script>alert(2)</script>' });
    (evil.alert as { detect_time: string }).detect_time = new Date().toISOString();
    expect((await postMessages(writer, [evil])).status).toBe(200);
    const html = await (await call(`/console?range=24h&analyzerid=${writer.analyzerId}`, { headers: { cookie: session } }, linkEnv)).text();
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;&lt;script&gt;");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<script>alert");
  });

  it("a login link may say where to land, but only inside the console", async () => {
    const land = async (next: string) => {
      const { token: t } = await createLoginLink(env.DB, { identity: "op", role: "viewer" }, Date.now());
      const form = await (await call(`/console/login?token=${t}&next=${encodeURIComponent(next)}`, {}, linkEnv)).text();
      const shown = /name="next" value="([^"]*)"/.exec(form)![1].replaceAll("&amp;", "&");
      const res = await call("/console/login", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE }, body: `token=${t}&next=${encodeURIComponent(shown)}` }, linkEnv);
      expect(res.status).toBe(303);
      return res.headers.get("location");
    };
    expect(await land("/console?range=custom&from=2026-11-23T00:00:00.000Z")).toBe("/console?range=custom&from=2026-11-23T00:00:00.000Z");
    for (const evil of ["https://evil.example/console", "//evil.example/console", "/console\\@evil.example", "/consolex", "javascript:alert(1)"]) {
      expect(await land(evil), evil).toBe("/console");
    }
  });

  it("an alert's detail says when its detect time was clamped to its receipt, and what the sender claimed", async () => {
    const { token: t } = await createLoginLink(env.DB, { identity: "op", role: "viewer" }, Date.now());
    const session = (await redeem(t)).headers.get("set-cookie")!.split(";")[0];
    const writer = await makeClient(["idmef:w"]);
    const future = alert(writer.analyzerId!, 0);
    (future.alert as { detect_time: string }).detect_time = "9999-12-31T00:00:00+00:00";
    const honest = alert(writer.analyzerId!, 1);
    (honest.alert as { detect_time: string }).detect_time = new Date(Date.now() - 60_000).toISOString();
    expect((await postMessages(writer, [future, honest])).status).toBe(200);
    const detail = async (m: typeof future) =>
      (await (await call(`/console/alert?analyzerid=${writer.analyzerId}&messageid=${m.alert.messageid}`, { headers: { cookie: session } }, linkEnv)).text());
    const clamped = await detail(future);
    expect(clamped).toContain("clamped to its receipt: the sender claimed 9999-12-31T00:00:00.000Z");
    expect(await detail(honest)).not.toContain("clamped to its receipt");
  });
});
