/**
 * Cloudflare Access: the `Cf-Access-Jwt-Assertion` header is an RS256 JWT signed with the team's
 * keys (`<team>/cdn-cgi/access/certs`). Verified here with jose — signature, `aud`, `iss`, `exp`,
 * `nbf` — never trusted because Access is "in front". Key sets are cached at module scope (per
 * isolate), so keys are fetched once and refetched by jose on an unknown `kid` (key rotation).
 */
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { AccessConfig } from "../config.ts";

const keySets = new Map<string, JWTVerifyGetKey>();

function keysFor(cfg: AccessConfig): JWTVerifyGetKey {
  const cacheKey = cfg.jwks ? `pinned:${JSON.stringify(cfg.jwks)}` : cfg.issuer;
  let keys = keySets.get(cacheKey);
  if (!keys) {
    keys = cfg.jwks ? createLocalJWKSet(cfg.jwks) : createRemoteJWKSet(new URL(`${cfg.issuer}/cdn-cgi/access/certs`));
    keySets.set(cacheKey, keys);
  }
  return keys;
}

/** The verified identity (e-mail, else `sub`), or null when the token is refused for any reason. */
export async function verifyAccessJwt(token: string, cfg: AccessConfig, nowMs: number): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, keysFor(cfg), {
      algorithms: ["RS256"],
      audience: cfg.audience,
      issuer: cfg.issuer,
      currentDate: new Date(nowMs),
      requiredClaims: ["exp", "iat"],
    });
    const email = typeof payload.email === "string" && payload.email !== "" ? payload.email : null;
    return email ?? (typeof payload.sub === "string" && payload.sub !== "" ? payload.sub : null);
  } catch {
    return null;
  }
}
