/**
 * The embedded default's sign-in: a one-time login link (10 minutes, single use) becomes a session
 * (12 hours). Only SHA-256 hashes of the secrets are stored, so a read of D1 cannot sign anyone in.
 * Consuming a link is one UPDATE ... WHERE used_at IS NULL, so two clicks cannot both succeed.
 */
import { toBase64Url } from "../../../../schema/structured-fields.ts";
import type { Role } from "../config.ts";

export const LINK_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;

export interface ConsoleIdentity {
  identity: string;
  role: Role;
}

function newSecret(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function sha256(secret: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return toBase64Url(new Uint8Array(d));
}

/** A new login link token for `who`; the caller builds the URL. */
export async function createLoginLink(db: D1Database, who: ConsoleIdentity, now: number): Promise<{ token: string; expiresAt: number }> {
  const token = newSecret();
  const expiresAt = now + LINK_TTL_MS;
  // Expired links go with each new one: the table stays as small as the links in flight.
  await db.batch([
    db.prepare("DELETE FROM console_login_links WHERE expires_at < ?").bind(now),
    db.prepare("INSERT INTO console_login_links (token_hash, identity, role, expires_at) VALUES (?, ?, ?, ?)").bind(await sha256(token), who.identity, who.role, expiresAt),
  ]);
  return { token, expiresAt };
}

/** Uses a login link once and opens a session; null if the token is unknown, used or expired. */
export async function redeemLoginLink(db: D1Database, token: string, now: number): Promise<{ sessionId: string; who: ConsoleIdentity } | null> {
  const link = await db
    .prepare("UPDATE console_login_links SET used_at = ?1 WHERE token_hash = ?2 AND used_at IS NULL AND expires_at > ?1 RETURNING identity, role")
    .bind(now, await sha256(token))
    .first<ConsoleIdentity>();
  if (!link) return null;
  const sessionId = newSecret();
  await db.batch([
    db.prepare("DELETE FROM console_sessions WHERE expires_at < ?").bind(now),
    db.prepare("INSERT INTO console_sessions (id_hash, identity, role, expires_at) VALUES (?, ?, ?, ?)").bind(await sha256(sessionId), link.identity, link.role, now + SESSION_TTL_MS),
  ]);
  return { sessionId, who: link };
}

export async function sessionIdentity(db: D1Database, sessionId: string, now: number): Promise<ConsoleIdentity | null> {
  return db
    .prepare("SELECT identity, role FROM console_sessions WHERE id_hash = ? AND expires_at > ?")
    .bind(await sha256(sessionId), now)
    .first<ConsoleIdentity>();
}

export async function endSession(db: D1Database, sessionId: string): Promise<void> {
  await db.prepare("DELETE FROM console_sessions WHERE id_hash = ?").bind(await sha256(sessionId)).run();
}
