import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LANE_ALERT, LANE_HEARTBEAT, Spool } from "../../agent/src/spool/spool.ts";
import { DeadLetterFile, readDeadLetters } from "../../agent/src/spool/dead-letter.ts";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "spool-test-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const msg = (i: number, pad = 0) => JSON.stringify({ i, pad: "x".repeat(pad) });

describe("spool", () => {
  it("keeps committed messages across a reopen and removes exactly what was acknowledged", async () => {
    const dir = tempDir();
    const a = new Spool({ dir, maxBytes: 1e6, overflowAction: "drop_newest" });
    for (let i = 0; i < 10; i++) a.append(LANE_ALERT, msg(i));
    await a.close();
    const b = new Spool({ dir, maxBytes: 1e6, overflowAction: "drop_newest" });
    expect(b.counters().depth).toBe(10);
    const batch = b.claim(LANE_ALERT, 4, 1e6);
    expect(batch.map((m) => JSON.parse(m.body).i)).toEqual([0, 1, 2, 3]);
    // claimed messages are not handed out twice
    expect(b.claim(LANE_ALERT, 2, 1e6).map((m) => JSON.parse(m.body).i)).toEqual([4, 5]);
    b.remove(batch.map((m) => m.id));
    await b.close();
    const c = new Spool({ dir, maxBytes: 1e6, overflowAction: "drop_newest" });
    expect(c.counters().depth).toBe(6);
    expect(c.claim(LANE_ALERT, 100, 1e6).map((m) => JSON.parse(m.body).i)).toEqual([4, 5, 6, 7, 8, 9]);
    await c.close();
  });

  it("claims within batch bytes, at least one message, and released messages come back", async () => {
    const s = new Spool({ dir: tempDir(), maxBytes: 1e6, overflowAction: "drop_newest" });
    for (let i = 0; i < 5; i++) s.append(LANE_ALERT, msg(i, 100));
    s.commit();
    const size = Buffer.byteLength(msg(0, 100));
    expect(s.claim(LANE_ALERT, 10, size * 2 + 1)).toHaveLength(2);
    const big = s.claim(LANE_ALERT, 10, 1);
    expect(big).toHaveLength(1);
    s.release(LANE_ALERT, big.map((m) => m.id));
    expect(s.claim(LANE_ALERT, 10, 1e6).map((m) => JSON.parse(m.body).i)).toEqual([2, 3, 4]);
    await s.close();
  });

  it("keeps heartbeats in their own lane, ahead of any alert backlog", async () => {
    const s = new Spool({ dir: tempDir(), maxBytes: 1e7, overflowAction: "drop_newest" });
    for (let i = 0; i < 5000; i++) s.append(LANE_ALERT, msg(i));
    s.append(LANE_HEARTBEAT, '{"hb":1}');
    s.commit();
    expect(s.claim(LANE_HEARTBEAT, 10, 1e6).map((m) => m.body)).toEqual(['{"hb":1}']);
    expect(s.unclaimed(LANE_ALERT, 10_000)).toBe(5000);
    await s.close();
  });

  it("drop_newest refuses what does not fit and counts it", async () => {
    const one = Buffer.byteLength(msg(0, 50));
    const s = new Spool({ dir: tempDir(), maxBytes: one * 3, overflowAction: "drop_newest" });
    const kept = [0, 1, 2, 3, 4].map((i) => s.append(LANE_ALERT, msg(i, 50)));
    expect(kept).toEqual([true, true, true, false, false]);
    s.commit();
    expect(s.counters()).toMatchObject({ depth: 3, dropped: 2 });
    expect(s.claim(LANE_ALERT, 10, 1e6).map((m) => JSON.parse(m.body).i)).toEqual([0, 1, 2]);
    await s.close();
  });

  it("drop_oldest evicts the oldest messages (on disk and pending) and counts them", async () => {
    const one = Buffer.byteLength(msg(0, 50));
    const s = new Spool({ dir: tempDir(), maxBytes: one * 3, overflowAction: "drop_oldest" });
    for (let i = 0; i < 3; i++) s.append(LANE_ALERT, msg(i, 50));
    s.commit();
    for (let i = 3; i < 7; i++) s.append(LANE_ALERT, msg(i, 50));
    s.commit();
    expect(s.counters()).toMatchObject({ depth: 3, dropped: 4 });
    expect(s.counters().depthBytes).toBeLessThanOrEqual(one * 3);
    expect(s.claim(LANE_ALERT, 10, 1e6).map((m) => JSON.parse(m.body).i)).toEqual([4, 5, 6]);
    await s.close();
  });

  it("commits on its own within the commit interval and wakes the sender", async () => {
    let commits = 0;
    const s = new Spool({ dir: tempDir(), maxBytes: 1e6, overflowAction: "drop_newest", commitIntervalMs: 10, onCommit: () => commits++ });
    s.append(LANE_ALERT, msg(1));
    expect(s.counters()).toMatchObject({ depth: 0, pending: 1 });
    await new Promise((r) => setTimeout(r, 50));
    expect(s.counters()).toMatchObject({ depth: 1, pending: 0 });
    expect(commits).toBe(1);
    await s.close();
  });

  it("loses nothing that was committed when the process is killed with SIGKILL at any moment", async () => {
    const dir = tempDir();
    // A writer that commits small batches as fast as it can and reports each committed total.
    const writer = `
      const { Spool, LANE_ALERT } = await import(${JSON.stringify(new URL("../../agent/src/spool/spool.ts", import.meta.url).pathname)});
      const s = new Spool({ dir: ${JSON.stringify(dir)}, maxBytes: 1e9, overflowAction: "drop_newest" });
      let n = 0;
      for (;;) {
        for (let i = 0; i < 7; i++) s.append(LANE_ALERT, JSON.stringify({ n: n++, pad: "y".repeat(300) }));
        s.commit();
        process.stdout.write(n + "\\n");
        if (n % 700 === 0) await new Promise((r) => setImmediate(r));
      }`;
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ["--input-type=module", "-e", writer], { stdio: ["ignore", "pipe", "inherit"] });
      let acknowledged = 0;
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        const lines = d.trim().split("\n");
        acknowledged = Number(lines[lines.length - 1]) || acknowledged;
      });
      // Kill while it writes, not while it starts: on a loaded machine the child's start alone can
      // take longer than any fixed sleep (that made this test flaky). Then a varying moment.
      const started = Date.now();
      while (acknowledged === 0 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 40 + round * 85));
      const seen = acknowledged;
      child.kill("SIGKILL");
      await new Promise((r) => child.on("exit", r));
      const s = new Spool({ dir, maxBytes: 1e9, overflowAction: "drop_newest" });
      const all = s.claim(LANE_ALERT, 10_000_000, 1e12);
      const ns = all.map((m) => JSON.parse(m.body).n as number);
      expect(seen).toBeGreaterThan(0);
      // everything acknowledged is there, whole, in order (each round restarts n at 0)
      const lastRound = ns.slice(ns.lastIndexOf(0));
      expect(lastRound.length).toBeGreaterThanOrEqual(seen);
      expect(lastRound.every((n, i) => n === i)).toBe(true);
      s.remove(all.map((m) => m.id));
      await s.close();
    }
  });
});

describe("spool restart while another process reads it", () => {
  it("starts every time after kill -9 while a reader polls the spool read-only", async () => {
    const dir = tempDir();
    const file = join(dir, "spool.sqlite");
    const spoolTs = JSON.stringify(new URL("../../agent/src/spool/spool.ts", import.meta.url).pathname);
    // The writer: opens the spool (the agent's start), says so, then commits as fast as it can.
    const writer = `
      let s;
      try {
        const { Spool, LANE_ALERT } = await import(${spoolTs});
        s = new Spool({ dir: ${JSON.stringify(dir)}, maxBytes: 1e9, overflowAction: "drop_newest" });
        process.stdout.write("started\\n");
        for (let n = 0; ; n++) {
          s.append(LANE_ALERT, JSON.stringify({ n, pad: "z".repeat(200) }));
          if (n % 50 === 0) { s.commit(); await new Promise((r) => setImmediate(r)); }
        }
      } catch (err) { process.stdout.write("failed: " + err.message + "\\n"); process.exit(1); }`;
    // The operator's reader: open read-only, count, close, again (no busy timeout, like sqlite3).
    const reader = `
      process.emitWarning = () => {};
      const { DatabaseSync } = require("node:sqlite");
      let reads = 0;
      for (;;) {
        try {
          const db = new DatabaseSync(${JSON.stringify(file)}, { readOnly: true });
          db.prepare("SELECT count(*) AS n FROM messages").get();
          db.close();
          if (++reads % 20 === 0) process.stdout.write(reads + "\\n");
        } catch { /* the writer may hold a lock: the reader just tries again */ }
      }`;
    const first = new Spool({ dir, maxBytes: 1e9, overflowAction: "drop_newest" });
    first.append(LANE_ALERT, msg(0));
    await first.close();
    const readerChild = spawn(process.execPath, ["-e", reader], { stdio: ["ignore", "pipe", "inherit"] });
    let reads = 0;
    readerChild.stdout.setEncoding("utf8").on("data", (d: string) => (reads = Number(d.trim().split("\n").at(-1)) || reads));
    const failures: string[] = [];
    try {
      for (let round = 0; round < 30; round++) {
        const child = spawn(process.execPath, ["--input-type=module", "-e", writer], { stdio: ["ignore", "pipe", "inherit"] });
        const exited = new Promise((r) => child.on("exit", r));
        const outcome = await new Promise<string>((resolve) => {
          let out = "";
          child.stdout.setEncoding("utf8").on("data", (d: string) => {
            out += d;
            if (/started|failed/.test(out)) resolve(out.trim());
          });
          child.on("exit", () => resolve(out.trim() || "exited"));
        });
        if (outcome !== "started") failures.push(`round ${round}: ${outcome}`);
        // Let it write for a moment (a varying one), then kill it mid-transaction.
        await new Promise((r) => setTimeout(r, 20 + ((round * 37) % 80)));
        child.kill("SIGKILL");
        await exited;
      }
      // A clean stop with the reader still there: the last checkpoint is optional, not a wait.
      const last = new Spool({ dir, maxBytes: 1e9, overflowAction: "drop_newest" });
      expect(last.counters().depth).toBeGreaterThan(0);
      const closing = Date.now();
      await last.close();
      expect(Date.now() - closing).toBeLessThan(1500);
    } finally {
      readerChild.kill("SIGKILL");
    }
    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThan(30); // the reader really was reading all along
  });
});

describe("dead-letter file", () => {
  it("appends JSON lines with the server's reason", () => {
    const path = join(tempDir(), "dl", "dead-letter.jsonl");
    const dl = new DeadLetterFile(path);
    dl.write([{ time: "2026-01-01T00:00:00.000Z", status: 400, reason: "400 Bad Request: bad", message: { a: 1 } }]);
    dl.write([{ time: "2026-01-01T00:00:01.000Z", status: 200, reason: "alert.classification: required", message: { b: 2 } }]);
    expect(dl.count).toBe(2);
    expect(readDeadLetters(path).map((e) => [e.status, e.reason, e.message])).toEqual([
      [400, "400 Bad Request: bad", { a: 1 }],
      [200, "alert.classification: required", { b: 2 }],
    ]);
  });
});

describe("spool at its bound with drop_oldest", () => {
  it("evicts 1% slices of a large bound, counting every message dropped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spool-test-"));
    dirs.push(dir);
    const max = 2 * 1024 * 1024;
    const s = new Spool({ dir, maxBytes: max, overflowAction: "drop_oldest" });
    const body = msg(0, 2000);
    const size = Buffer.byteLength(body);
    const total = Math.ceil((max * 1.5) / size);
    for (let i = 0; i < total; i++) s.append(LANE_ALERT, msg(i, 2000));
    const dropped = s.counters().dropped;
    await s.close();
    const again = new Spool({ dir, maxBytes: max, overflowAction: "drop_oldest" });
    const kept = again.claim(LANE_ALERT, 1e6, 1e12).map((m) => JSON.parse(m.body).i as number);
    const c = again.counters();
    expect(c.depthBytes).toBeLessThanOrEqual(max);
    expect(c.depthBytes).toBeGreaterThan(max * 0.97);
    // the newest survive, contiguous up to the last one appended
    expect(kept.at(-1)).toBe(total - 1);
    expect(dropped).toBe(total - kept.length);
    expect(kept.every((v, k) => k === 0 || v === kept[k - 1] + 1)).toBe(true);
    await again.close();
  });
});
