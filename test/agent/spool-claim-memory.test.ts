/**
 * claim() and unclaimed() answer from memory while a lane has caught up with the disk, and from
 * SQLite otherwise (rows from before a start, a release, an eviction, a backlog over the memory
 * bound). Whatever the path, they must hand out exactly what a query of the disk would: every
 * committed message once, in order, nothing uncommitted, nothing evicted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LANE_ALERT, LANE_HEARTBEAT, Spool, type Lane } from "../../agent/src/spool/spool.ts";
import { openDatabase } from "../../agent/src/spool/sqlite.ts";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "spool-claim-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const msg = (i: number, pad = 0) => JSON.stringify({ i, pad: "x".repeat(pad) });
const ns = (batch: { body: string }[]) => batch.map((m) => JSON.parse(m.body).i as number);

/** What is on disk for a lane above an id, read by a separate connection. */
function onDisk(dir: string, lane: Lane, above: number): { id: number; body: string }[] {
  const db = openDatabase(join(dir, "spool.sqlite"));
  try {
    return db.prepare("SELECT id, body FROM messages WHERE lane = ? AND id > ? ORDER BY id").all(lane, above) as { id: number; body: string }[];
  } finally {
    db.close();
  }
}

describe("spool claims served from memory", () => {
  it("hands out only committed messages, with their disk ids, and counts them without a query", async () => {
    const dir = tempDir();
    const s = new Spool({ dir, maxBytes: 1e7, overflowAction: "drop_newest", commitIntervalMs: 60_000 });
    for (let i = 0; i < 5; i++) s.append(LANE_ALERT, msg(i));
    expect(s.unclaimed(LANE_ALERT, 100)).toBe(0); // pending, not committed
    expect(s.claim(LANE_ALERT, 100, 1e6)).toEqual([]);
    s.commit();
    expect(s.unclaimed(LANE_ALERT, 100)).toBe(5);
    expect(s.unclaimed(LANE_ALERT, 3)).toBe(3);
    const a = s.claim(LANE_ALERT, 3, 1e6);
    expect(a).toEqual(onDisk(dir, LANE_ALERT, 0).slice(0, 3).map((r) => ({ id: Number(r.id), lane: LANE_ALERT, body: r.body, bytes: Buffer.byteLength(r.body) })));
    expect(s.unclaimed(LANE_ALERT, 100)).toBe(2);
    expect(s.unclaimed(LANE_HEARTBEAT, 100)).toBe(0);
    // the byte bound: at least one message, then only what fits
    const b = s.claim(LANE_ALERT, 100, 1);
    expect(ns(b)).toEqual([3]);
    s.release(LANE_ALERT, a.map((m) => m.id)); // back to the disk's view: 0..4 minus nothing removed
    expect(s.unclaimed(LANE_ALERT, 100)).toBe(5);
    expect(ns(s.claim(LANE_ALERT, 100, 1e6))).toEqual([0, 1, 2, 3, 4]);
    s.append(LANE_ALERT, msg(5));
    s.commit();
    expect(ns(s.claim(LANE_ALERT, 100, 1e6))).toEqual([5]);
    await s.close();
  });

  it("a backlog past the memory bound is read from disk, in order, and memory takes over again", async () => {
    const dir = tempDir();
    const s = new Spool({ dir, maxBytes: 1e8, overflowAction: "drop_newest", commitIntervalMs: 60_000 });
    let next = 0;
    for (let i = 0; i < 4000; i++) s.append(LANE_ALERT, msg(next++, 1000)); // ~4 MB: over the 2 MiB bound
    s.commit();
    expect(s.unclaimed(LANE_ALERT, 10_000)).toBe(4000);
    const seen: number[] = [];
    for (let round = 0; seen.length < 4200; round++) {
      seen.push(...ns(s.claim(LANE_ALERT, 300, 1e6)));
      if (round % 3 === 0) {
        for (let i = 0; i < 50; i++) s.append(LANE_ALERT, msg(next++, 1000));
        s.commit();
      }
      expect(round).toBeLessThan(100);
    }
    seen.push(...ns(s.claim(LANE_ALERT, 10_000, 1e9)));
    expect(seen).toEqual(Array.from({ length: next }, (_, i) => i));
    expect(s.unclaimed(LANE_ALERT, 10)).toBe(0);
    await s.close();
  });

  it("never hands out what drop_oldest evicted, nor a message twice, under a random mix of operations", async () => {
    const dir = tempDir();
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const s = new Spool({ dir, maxBytes: 60_000, overflowAction: "drop_oldest", commitIntervalMs: 60_000 });
    const handedOut = new Set<number>();
    const claimed: number[][] = [[], []]; // handed out, not yet removed, per lane
    const pointer = [0, 0]; // the spool's rule: messages above the last claim are unclaimed
    for (let step = 0; step < 3000; step++) {
      const lane: Lane = rnd() < 0.1 ? LANE_HEARTBEAT : LANE_ALERT;
      const r = rnd();
      if (r < 0.5) s.append(lane, msg(step, Math.floor(rnd() * 3000)));
      else if (r < 0.65) s.commit();
      else if (r < 0.72) {
        const before = onDisk(dir, lane, 0).map((x) => Number(x.id));
        const batch = s.claim(lane, 1 + Math.floor(rnd() * 40), 20_000 + rnd() * 50_000);
        for (const m of batch) {
          expect(before).toContain(m.id); // committed and not evicted
          expect(handedOut.has(m.id)).toBe(false);
          handedOut.add(m.id);
        }
        if (batch.length > 0) pointer[lane] = batch.at(-1)!.id;
        claimed[lane].push(...batch.map((m) => m.id));
        expect(s.unclaimed(lane, 1e6)).toBe(onDisk(dir, lane, pointer[lane]).length);
      } else if (r < 0.95) {
        s.remove([...claimed[0], ...claimed[1]]);
        claimed[0] = [];
        claimed[1] = [];
      } else if (claimed[LANE_ALERT].length > 0) {
        // a sender gives its batch back: those are handed out again
        const ids = claimed[LANE_ALERT];
        s.release(LANE_ALERT, ids);
        pointer[LANE_ALERT] = Math.min(pointer[LANE_ALERT], Math.min(...ids) - 1);
        for (const id of ids) handedOut.delete(id);
        claimed[LANE_ALERT] = [];
        expect(s.unclaimed(LANE_ALERT, 1e6)).toBe(onDisk(dir, LANE_ALERT, pointer[LANE_ALERT]).length);
      }
    }
    // in the end memory and disk agree: what is left unclaimed is exactly the disk's rows above the claims
    s.commit();
    for (const lane of [LANE_HEARTBEAT, LANE_ALERT] as Lane[]) {
      const left = s.claim(lane, 1e6, 1e12);
      const disk = onDisk(dir, lane, 0).filter((x) => !handedOut.has(Number(x.id)));
      expect(left.map((m) => m.id)).toEqual(disk.map((x) => Number(x.id)));
    }
    expect(s.counters().dropped).toBeGreaterThan(0);
    await s.close();
  });
});
