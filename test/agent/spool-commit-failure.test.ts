/**
 * A commit that fails (disk full, database locked) must keep the messages it held in memory and
 * commit them later: the spool is the only copy once append() returned. The failure is real: a
 * second SQLite connection holds the write lock until the spool's busy timeout (2 s) gives up.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { LANE_ALERT, Spool } from "../../agent/src/spool/spool.ts";
import { openDatabase } from "../../agent/src/spool/sqlite.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("spool commit failure", () => {
  it("keeps the pending messages and commits them once the database is writable again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spool-fail-"));
    dirs.push(dir);
    const errors: Error[] = [];
    const s = new Spool({ dir, maxBytes: 1e9, overflowAction: "drop_newest", onError: (e) => errors.push(e) });
    const locker = openDatabase(join(dir, "spool.sqlite"));
    locker.exec("BEGIN IMMEDIATE");
    for (let i = 0; i < 3; i++) s.append(LANE_ALERT, JSON.stringify({ i }));
    s.commit(); // waits out the busy timeout, then fails
    expect(errors.length).toBe(1);
    expect(s.counters()).toMatchObject({ depth: 0, pending: 3 });
    locker.exec("COMMIT");
    locker.close();
    for (let t = 0; t < 40 && s.counters().depth < 3; t++) await delay(100); // the retry runs within ~1 s
    expect(s.counters()).toMatchObject({ depth: 3, pending: 0 });
    expect(s.claim(LANE_ALERT, 10, 1e6).map((m) => JSON.parse(m.body).i)).toEqual([0, 1, 2]);
    await s.close();
  });
});
