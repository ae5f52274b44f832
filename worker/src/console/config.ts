/**
 * Console settings from Worker vars. CONSOLE_AUTH picks who may sign in:
 *   "access" (the default, production): Cloudflare Access in front of /console; the Worker verifies
 *            the Access JWT itself. Without CF_ACCESS_TEAM_DOMAIN and CF_ACCESS_AUD it refuses every
 *            console request (fails closed), it never falls back to something weaker.
 *   "link"   (the embedded default, `npm start`): one-time login links from `idmef-admin console`.
 * A bad value throws with the var's name (a deploy mistake), like limits.ts.
 */
import type { JSONWebKeySet } from "jose";

export const ROLES = ["viewer", "triager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface ConsoleEnv {
  CONSOLE_AUTH?: string;
  CF_ACCESS_TEAM_DOMAIN?: string;
  CF_ACCESS_AUD?: string;
  CF_ACCESS_JWKS?: string;
  CONSOLE_ROLES?: string;
}

export interface AccessConfig {
  /** Issuer, e.g. https://myteam.cloudflareaccess.com (no trailing slash). */
  issuer: string;
  audience: string;
  /** Keys pinned in CF_ACCESS_JWKS; null = fetch `${issuer}/cdn-cgi/access/certs`. */
  jwks: JSONWebKeySet | null;
}

export type ConsoleConfig =
  | { mode: "link" }
  | { mode: "access"; access: AccessConfig | null; roles: RoleRule[] };

/** `pattern=role`: an exact identity, or `*@domain` for everyone of a domain; first match wins. */
export interface RoleRule {
  pattern: string;
  role: Role;
}

export function parseRoles(raw: string | undefined): RoleRule[] {
  if (!raw?.trim()) return [];
  return raw.split(",").map((item) => {
    const [pattern, role] = item.split("=").map((s) => s.trim());
    if (!pattern || !(ROLES as readonly string[]).includes(role)) {
      throw new Error(`CONSOLE_ROLES: "${item.trim()}" is not identity=viewer|triager|admin`);
    }
    return { pattern: pattern.toLowerCase(), role: role as Role };
  });
}

/** The role of an identity (an e-mail from Access); null = not allowed in. */
export function roleOf(rules: RoleRule[], identity: string): Role | null {
  const id = identity.toLowerCase();
  for (const r of rules) {
    if (r.pattern === id) return r.role;
    if (r.pattern.startsWith("*@") && id.endsWith(r.pattern.slice(1))) return r.role;
  }
  return null;
}

export function consoleConfig(env: ConsoleEnv): ConsoleConfig {
  const mode = env.CONSOLE_AUTH?.trim() || "access";
  if (mode === "link") return { mode };
  if (mode !== "access") throw new Error(`CONSOLE_AUTH must be "access" or "link", got ${JSON.stringify(mode)}`);
  const team = env.CF_ACCESS_TEAM_DOMAIN?.trim().replace(/\/+$/, "") ?? "";
  const aud = env.CF_ACCESS_AUD?.trim() ?? "";
  const roles = parseRoles(env.CONSOLE_ROLES);
  if (team === "" || aud === "") return { mode, access: null, roles };
  const issuer = /^https?:\/\//.test(team) ? team : `https://${team}`;
  let jwks: JSONWebKeySet | null = null;
  if (env.CF_ACCESS_JWKS?.trim()) {
    try {
      jwks = JSON.parse(env.CF_ACCESS_JWKS) as JSONWebKeySet;
    } catch {
      throw new Error("CF_ACCESS_JWKS must be a JWKS JSON document");
    }
    if (!Array.isArray(jwks?.keys)) throw new Error("CF_ACCESS_JWKS must have a keys array");
  }
  return { mode, access: { issuer, audience: aud, jwks }, roles };
}
