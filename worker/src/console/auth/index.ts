/**
 * Console authentication and request guards (Hono middleware factories):
 *   consoleAuth   — who is asking: a verified Access JWT (production) or a login-link session
 *                   (embedded default); nobody → 401 page, no data; Access unconfigured → 503.
 *   sameOrigin    — CSRF: every state-changing request (forms and JSON alike) must carry an
 *                   Origin equal to this Worker's own; no Origin → refused.
 *   requireRole   — viewer < triager < admin.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Env } from "../../env.ts";
import { Problem } from "../../problem.ts";
import { consoleConfig, roleOf, ROLES, type Role } from "../config.ts";
import { verifyAccessJwt } from "./access.ts";
import { sessionIdentity, type ConsoleIdentity } from "./sessions.ts";

export interface ConsoleAppEnv {
  Bindings: Env;
  Variables: { who: ConsoleIdentity; now: number; secureHeadersNonce?: string };
}

/** `__Host-` (Secure, Path=/, no Domain) over https; browsers refuse Secure cookies on http. */
export const sessionCookieName = (url: string) => (new URL(url).protocol === "https:" ? "__Host-idmef_console" : "idmef_console");

export function consoleAuth(): MiddlewareHandler<ConsoleAppEnv> {
  return async (c, next) => {
    const now = Date.now();
    c.set("now", now);
    const cfg = consoleConfig(c.env);
    let who: ConsoleIdentity | null = null;
    if (cfg.mode === "link") {
      const sid = getCookie(c, sessionCookieName(c.req.url));
      if (sid) who = await sessionIdentity(c.env.DB, sid, now);
    } else {
      if (!cfg.access) throw new Problem(503, "console-not-configured", "the console needs CF_ACCESS_TEAM_DOMAIN and CF_ACCESS_AUD (or CONSOLE_AUTH=link)");
      const token = c.req.header("cf-access-jwt-assertion");
      const identity = token ? await verifyAccessJwt(token, cfg.access, now) : null;
      if (identity) {
        const role = roleOf(cfg.roles, identity);
        if (!role) throw new Problem(403, "console-forbidden", "this identity has no console role (CONSOLE_ROLES)");
        who = { identity, role };
      }
    }
    if (!who) throw new Problem(401, "console-login", cfg.mode === "link" ? "sign in with a link from `idmef-admin console`" : "sign in through Cloudflare Access");
    c.set("who", who);
    await next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function sameOrigin(): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method) && c.req.header("origin") !== new URL(c.req.url).origin) {
      throw new Problem(403, "csrf", "state-changing console requests must come from the console's own origin");
    }
    await next();
  };
}

export const hasRole = (who: ConsoleIdentity, min: Role) => ROLES.indexOf(who.role) >= ROLES.indexOf(min);

export function requireRole(min: Role): MiddlewareHandler<ConsoleAppEnv> {
  return async (c: Context<ConsoleAppEnv>, next) => {
    if (!hasRole(c.get("who"), min)) throw new Problem(403, "console-role", `needs the ${min} role`);
    await next();
  };
}
