/** Named integers of the archive, stream and roll-up jobs (table archive_state): watermarks that only move forward. */

export const readState = (db: D1Database, name: string) => db.prepare("SELECT value FROM archive_state WHERE name = ?").bind(name);

export async function stateValue(db: D1Database, name: string): Promise<number | null> {
  return (await readState(db, name).first<{ value: number }>())?.value ?? null;
}

/** Sets `name` to `value` unless it is already higher (a slower, overlapping run never moves it back). */
export const raiseState = (db: D1Database, name: string, value: number) =>
  db.prepare(`INSERT INTO archive_state (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)`).bind(name, value);
