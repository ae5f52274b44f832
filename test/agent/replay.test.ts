/** `idmef-agent replay --format events` end to end (child process), and the line reader. */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { LineSplitter, scanBytes } from "../../agent/src/io/lines.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CORPUS = resolve(ROOT, "../shared/corpus");
const AGENT = join(ROOT, "agent", "bin", "idmef-agent.mjs");

function replay(args: string[], input?: Buffer | string) {
  const r = spawnSync(process.execPath, [AGENT, "replay", ...args], { input, maxBuffer: 256 << 20 });
  const counters = Object.fromEntries(
    [...r.stderr.toString().matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]),
  ) as Record<string, number>;
  const events = r.stdout
    .toString()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { node: string | null; time: string; serial: number; records: Array<{ type: string; fields: Record<string, string>; interpreted?: Record<string, string> }> });
  return { status: r.status, stderr: r.stderr.toString(), events, counters };
}

describe("idmef-agent replay --format events", () => {
  it("prints one JSON object per event (SPEC 2 shape) and the counters on stderr", () => {
    const log = join(CORPUS, "live/L03-enriched-node-build.log");
    const { status, events, counters } = replay([log, "--format", "events"]);
    expect(status).toBe(0);
    expect(counters).toMatchObject({ records: 14327, malformed: 0, events: 2979, lost: 0 });
    expect(events).toHaveLength(2979);
    const exec = events.find((e) => e.records.some((r) => r.type === "EXECVE"))!;
    expect(exec.node).toBe("corpus-build-01");
    expect(exec.time).toMatch(/^\d+\.\d{3}$/);
    expect(typeof exec.serial).toBe("number");
    const syscall = exec.records.find((r) => r.type === "SYSCALL")!;
    expect(syscall.fields.syscall).toBe("59");
    expect(syscall.interpreted?.SYSCALL).toBe("execve");
    // records of one event share its stamp; the total adds up
    expect(events.reduce((n, e) => n + e.records.length, 0)).toBe(14327);
  });

  it("reads stdin with -, counts malformed lines (garbage, invalid UTF-8, binary, too long) and skips them", () => {
    const good = readFileSync(join(CORPUS, "public/go-libaudit/testdata__normal.log"));
    const bad = Buffer.concat([
      Buffer.from("this is not an audit record\n"),
      Buffer.from("type=SYSCALL msg=audit(1492037289.295:4"), // truncated, no newline yet
      Buffer.from("\n"),
      Buffer.from([0x74, 0x79, 0x70, 0x65, 0x3d, 0xff, 0xfe, 0x0a]), // invalid UTF-8
      Buffer.from("type=SYSCALL msg=audit(1492037289.295:1000): a=\u0001\n"), // binary
      Buffer.from(`type=SYSCALL msg=audit(1492037289.295:1001): a=${"x".repeat(40_000)}\n`), // too long
      Buffer.from("\n\n"), // blank lines are not records and not malformed
    ]);
    const { status, counters, events } = replay(["-", "--format", "events"], Buffer.concat([good, bad]));
    expect(status).toBe(0);
    const goodLines = good.toString().split("\n").filter(Boolean).length;
    expect(counters.records).toBe(goodLines);
    expect(counters.malformed).toBe(5);
    expect(events.length).toBe(counters.events);
  });

  it("--config sets max_in_flight and event_timeout_ms", () => {
    const dir = mkdtempSync(join(tmpdir(), "replay-test-"));
    const conf = join(dir, "agent.conf");
    writeFileSync(conf, "# test\nmax_in_flight = 1\nevent_timeout_ms = 2000\n");
    const log = join(CORPUS, "public/go-libaudit/testdata__out_of_order.log");
    const normal = replay([log, "--format", "events"]);
    const tight = replay([log, "--format", "events", "--config", conf]);
    expect(normal.status).toBe(0);
    expect(tight.status).toBe(0);
    // with one event in flight, interleaved records can no longer join their event
    expect(tight.events.length).toBeGreaterThan(normal.events.length);
    expect(tight.counters.records).toBe(normal.counters.records);
  });

  it("live stdin gone quiet: the clock completes a waiting event before input ends", async () => {
    const dir = mkdtempSync(join(tmpdir(), "replay-idle-"));
    const conf = join(dir, "agent.conf");
    writeFileSync(conf, "event_timeout_ms = 300\n");
    const child = spawn(process.execPath, [AGENT, "replay", "-", "--format", "events", "--config", conf]);
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    // A SYSCALL with no PROCTITLE/EOE: nothing in the input will ever complete it.
    child.stdin.write("type=SYSCALL msg=audit(1795407047.072:51148): arch=c000003e syscall=59\n");
    const started = Date.now();
    while (!out.includes('"serial":51148') && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    const waited = Date.now() - started;
    child.stdin.end();
    await new Promise((r) => child.once("close", r));
    expect(out).toContain('"serial":51148');
    expect(waited).toBeLessThan(10_000); // completed without waiting for EOF
  });

  it("bad arguments exit 2 with a usage message", () => {
    const r = replay(["--format", "xml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--format must be idmef or events/);
    expect(replay(["a.log", "b.log"]).status).toBe(2);
    expect(replay(["--bogus"]).status).toBe(2);
  });

  it("a missing file is a clear error, exit 1", () => {
    const r = replay(["/nonexistent/audit.log", "--format", "events"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ENOENT|no such file/i);
  });
});

describe("LineSplitter", () => {
  const split = (chunks: Buffer[], max = 100) => {
    const out: Array<string | null> = [];
    const s = new LineSplitter((l) => out.push(l), max);
    for (const c of chunks) s.push(c);
    s.end();
    return out;
  };

  it("lines across chunk boundaries, CRLF, blank lines, last line without newline", () => {
    const text = Buffer.from("alpha\r\nbeta\n\ngamma ünï\ndelta");
    for (let cut = 1; cut < text.length; cut++) {
      expect(split([text.subarray(0, cut), text.subarray(cut)])).toEqual(["alpha", "beta", "gamma ünï", "delta"]);
    }
    // byte by byte
    expect(split([...text].map((b) => Buffer.of(b)))).toEqual(["alpha", "beta", "gamma ünï", "delta"]);
  });

  it("an over-long line is one null, dropped without buffering, and the next line is intact", () => {
    const long = Buffer.from("x".repeat(250) + "\nnext\n");
    expect(split([long.subarray(0, 60), long.subarray(60, 200), long.subarray(200)])).toEqual([null, "next"]);
    expect(split([long])).toEqual([null, "next"]);
  });

  it("invalid UTF-8 makes only its own line null", () => {
    expect(split([Buffer.concat([Buffer.from("ok\n"), Buffer.of(0xc3, 0x28, 10), Buffer.from("fine\n")])])).toEqual(["ok", null, "fine"]);
  });

  it("scanBytes spots non-ASCII and stray control bytes (tab, LF and GS allowed)", () => {
    const aligned = (s: string) => {
      const b = Buffer.alloc(Buffer.byteLength(s));
      b.write(s);
      return scanBytes(b);
    };
    expect(aligned("type=X a=b\x1dA=B\tc\n")).toBe(1);
    expect(aligned("type=X a=ü")).toBe(0);
    expect(aligned("type=X\x00a=b")).toBe(3);
    expect(aligned("type=X a=b\x7f")).toBe(3);
    expect(scanBytes(Buffer.from("unaligned \x01 text").subarray(1))).toBe(3);
  });
});
