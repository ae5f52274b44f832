/**
 * Fuzz: mutated real corpus lines and random bytes through the whole reading path (line reader →
 * parser → every lazy accessor → reassembler → events JSON). No exception may escape, and every
 * line is accounted for: records + malformed = non-blank lines. ≥ 100k lines in total.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { eventJson } from "../../agent/src/io/events-sink.ts";
import { LineSplitter } from "../../agent/src/io/lines.ts";
import { MAX_LINE_LENGTH, decodeSockaddr, execveArgs, parseRecord } from "../../agent/src/record/index.ts";
import { Reassembler } from "../../agent/src/reassembler.ts";

const CORPUS = resolve(import.meta.dirname, "../../../shared/corpus");

/** A sample of real lines: every line of a few live logs would be slow to mutate; take a spread. */
const realLines: string[] = (() => {
  const out: string[] = [];
  for (const f of readdirSync(join(CORPUS, "live"))) {
    if (!f.endsWith(".log")) continue;
    const ls = readFileSync(join(CORPUS, "live", f), "utf8").split("\n").filter(Boolean);
    for (let i = 0; i < ls.length; i += 97) out.push(ls[i]);
  }
  for (const f of ["public/audit-userspace/auparse__test__test.log", "public/laurel/src__testdata__record-execve-long.log", "public/go-libaudit/auparse__testdata__audit-rhel7.log"]) {
    out.push(...readFileSync(join(CORPUS, f), "utf8").split("\n").filter(Boolean));
  }
  return out;
})();

let linesFed = 0;

/** Run bytes through the pipeline; return what it counted and what an independent split says. */
function runBytes(input: Buffer, chunk: number): void {
  let records = 0;
  let malformed = 0;
  let seen = 0;
  const reassembler = new Reassembler({
    onEvent: (e) => {
      JSON.parse(eventJson(e));
      execveArgs(e.records);
    },
    maxInFlight: 8,
  });
  const splitter = new LineSplitter((line, checked) => {
    seen++;
    const r = line === null ? null : parseRecord(line, checked);
    if (r === null) {
      malformed++;
      return;
    }
    records++;
    r.fields();
    r.get("saddr");
    r.interpreted("UID");
    const sa = r.get("saddr");
    if (sa !== undefined) decodeSockaddr(sa);
    reassembler.push(r, records);
  }, MAX_LINE_LENGTH);
  for (let i = 0; i < input.length; i += chunk) splitter.push(input.subarray(i, i + chunk));
  splitter.end();
  reassembler.tick(Number.MAX_SAFE_INTEGER);
  reassembler.flush();

  const expected = input
    .toString("latin1")
    .split("\n")
    .filter((l) => l.length > 0 && l !== "\r").length;
  linesFed += expected;
  expect(seen).toBe(expected);
  expect(records + malformed).toBe(expected);
  expect(reassembler.counters.records).toBe(records);
}

/** Mutations that keep a line a line (no newline inside) but break it in the ways logs break. */
const mutatedLine = fc
  .tuple(fc.constantFrom(...realLines), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 }), fc.uint8Array({ minLength: 1, maxLength: 8 })), { maxLength: 4 }))
  .map(([line, edits]) => {
    let b = Buffer.from(line);
    for (const [pos, kind, bytes] of edits) {
      const at = b.length === 0 ? 0 : pos % b.length;
      const safe = Buffer.from(bytes.map((x) => (x === 10 ? 32 : x)));
      switch (kind) {
        case 0: b = b.subarray(0, at); break; // truncate
        case 1: b = Buffer.concat([b.subarray(0, at), safe, b.subarray(at)]); break; // insert bytes
        case 2: b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + bytes.length))]); break; // delete
        case 3: b = Buffer.concat([b.subarray(0, at), Buffer.from(["\x1d", "'", '"', "=", " ", "(", ")", ":"][bytes[0] % 8]), b.subarray(at)]); break;
        case 4: b = Buffer.concat([b, b.subarray(0, Math.min(b.length, 9000))]); break; // grow long
        case 5: if (b.length) b[at] = safe[0]; break; // flip a byte
        case 6: b = Buffer.concat([Buffer.from("node=x "), b]); break;
        default: b = Buffer.concat([b.subarray(at), b.subarray(0, at)]); // rotate
      }
    }
    return b;
  });

// A fixed seed by default, so a run on a fresh machine is repeatable; FUZZ_SEED=<n> explores others.
// Open finding (seed 375769303): ~30 copies of one DAEMON_START line fed 1 byte at a time broke
// "counts add up" once in a full run — see the session note; not yet explained.
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261130) });

describe("fuzz", () => {
  afterAll(() => {
    expect(linesFed).toBeGreaterThanOrEqual(100_000);
  });

  it("mutated corpus lines: no exception, counts add up", () => {
    fc.assert(
      fc.property(fc.array(mutatedLine, { minLength: 200, maxLength: 400 }), fc.integer({ min: 1, max: 70_000 }), (lines, chunk) => {
        runBytes(Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")])), chunk);
      }),
      { numRuns: 300 },
    );
  });

  it("random bytes: no exception, counts add up", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 12_000 }), fc.integer({ min: 1, max: 5000 }), (bytes, chunk) => {
        runBytes(Buffer.from(bytes), chunk);
      }),
      { numRuns: 300 },
    );
  });

  it("random lines of record-ish text: no exception, counts add up", () => {
    const token = fc.constantFrom("type=", "SYSCALL", "node=", "msg=audit(", "1.2:3)", "):", " ", "=", "'", '"', "\x1d", "a0=", "a1[0]=", "a1_len=", "41FF", "(null)", "?", "{", "}", "UNKNOWN[", "]", "\r", "\t", "é", "\u{1F600}");
    fc.assert(
      fc.property(fc.array(fc.array(token, { maxLength: 30 }).map((t) => t.join("")), { minLength: 100, maxLength: 300 }), (lines) => {
        runBytes(Buffer.from(lines.join("\n") + "\n"), 4096);
      }),
      { numRuns: 160 },
    );
  });
});
