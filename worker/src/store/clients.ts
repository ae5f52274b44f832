/** The clients table. Read on every request: no cache, so a revocation applies to the next one. */
import type { ClientView, Permission } from "../../../schema/api.ts";

export interface ClientRow {
  id: string;
  name: string;
  public_key: string;
  analyzer_id: string | null;
  permissions: string;
  created_at: number;
  revoked_at: number | null;
}

export function permissionsOf(row: ClientRow): Permission[] {
  return row.permissions.split(" ").filter((p) => p !== "") as Permission[];
}

export function clientView(row: ClientRow): ClientView {
  return {
    client_id: row.id,
    name: row.name,
    analyzer_id: row.analyzer_id,
    public_key: row.public_key,
    permissions: permissionsOf(row),
    created_at: new Date(row.created_at).toISOString(),
    revoked_at: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
  };
}

export async function getClient(db: D1Database, id: string): Promise<ClientRow | null> {
  return db.prepare("SELECT * FROM clients WHERE id = ?").bind(id).first<ClientRow>();
}

export async function listClients(db: D1Database): Promise<ClientRow[]> {
  return (await db.prepare("SELECT * FROM clients ORDER BY created_at, id").all<ClientRow>()).results;
}

export interface NewClient {
  id: string;
  name: string;
  publicKey: string;
  analyzerId: string | null;
  permissions: Permission[];
  now: number;
}

/** "exists" when the id is taken (revoked ids stay taken), "analyzer-taken" when an active
 *  client already sends as that analyzer. The check and insert are one statement, no race. */
export async function insertClient(db: D1Database, c: NewClient): Promise<"ok" | "exists" | "analyzer-taken"> {
  const res = await db
    .prepare(
      `INSERT INTO clients (id, name, public_key, analyzer_id, permissions, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6
       WHERE NOT EXISTS (SELECT 1 FROM clients WHERE id = ?1)
         AND (?4 IS NULL OR NOT EXISTS (SELECT 1 FROM clients WHERE analyzer_id = ?4 AND revoked_at IS NULL))`,
    )
    .bind(c.id, c.name, c.publicKey, c.analyzerId, c.permissions.join(" "), c.now)
    .run();
  if (res.meta.changes === 1) return "ok";
  return (await getClient(db, c.id)) ? "exists" : "analyzer-taken";
}

/** Sets revoked_at once; revoking again keeps the first time. Null when the id is unknown. */
export async function revokeClient(db: D1Database, id: string, now: number): Promise<ClientRow | null> {
  return db
    .prepare("UPDATE clients SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1 RETURNING *")
    .bind(id, now)
    .first<ClientRow>();
}

export interface NonceClaim {
  keyId: string;
  nonce: string;
  /** Epoch ms after which the `created` check refuses a replay by itself. */
  expiresAt: number;
}

/** Records a signature nonce; false when it was already seen for this key (a replay). */
export async function recordNonce(db: D1Database, n: NonceClaim): Promise<boolean> {
  const res = await db
    .prepare("INSERT INTO seen_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
    .bind(n.keyId, n.nonce, n.expiresAt)
    .run();
  return res.meta.changes === 1;
}

/** The same claim as a statement for a write batch: a replay violates the primary key, which
 *  aborts the whole batch (see isNonceReplay). */
export function nonceClaimStatement(db: D1Database, n: NonceClaim): D1PreparedStatement {
  return db.prepare("INSERT INTO seen_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?)").bind(n.keyId, n.nonce, n.expiresAt);
}

export function isNonceReplay(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed: seen_nonces\./.test(err.message + String((err as { cause?: unknown }).cause ?? ""));
}
