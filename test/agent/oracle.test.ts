/**
 * The oracle: our grouping of every corpus log must agree with libauparse 3.0.9's (auparse-ref,
 * `X.events.jsonl` beside each log). Compared by stamp (node + time + serial): for each stamp, the
 * record types of our event(s) with EOE left out, concatenated in output order, must equal
 * libauparse's for that stamp; every stamp must be on both sides.
 */
import { createReadStream, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createEventsSink } from "../../agent/src/io/events-sink.ts";
import { readEvents } from "../../agent/src/io/read-events.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CORPUS = resolve(ROOT, "../shared/corpus");
/** Small logs of our own for rules the corpus never exercises (see its README.md). */
const FIXTURES = resolve(ROOT, "test/fixtures/oracle");

function logsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...logsUnder(p));
    else if (name.endsWith(".log")) out.push(p);
  }
  return out.sort();
}

interface StampedTypes {
  node: string | null;
  time: string;
  serial: number;
  types: string[];
}

/** Stricter: per stamp, each event's types separately ("A|B" = two events A and B). */
function eventsByStamp(events: StampedTypes[]): Map<string, string> {
  const m = new Map<string, string[]>();
  for (const e of events) {
    const key = `${e.node ?? ""}|${e.time}|${e.serial}`;
    const types = e.types.filter((t) => t !== "EOE").join(",");
    if (types === "") continue;
    const list = m.get(key);
    if (list) list.push(types);
    else m.set(key, [types]);
  }
  return new Map([...m].map(([k, v]) => [k, v.sort().join("|")]));
}

function byStamp(events: StampedTypes[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const e of events) {
    const key = `${e.node ?? ""}|${e.time}|${e.serial}`;
    const types = e.types.filter((t) => t !== "EOE");
    const prev = m.get(key);
    if (prev) prev.push(...types);
    else m.set(key, types);
  }
  return m;
}

/** Run the same pipeline `replay --format events` runs, collecting its JSON lines. */
async function replayEvents(log: string): Promise<{ events: StampedTypes[]; records: number; malformed: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const sink = createEventsSink(out);
  const counters = await readEvents(createReadStream(log, { highWaterMark: 1 << 16 }), {
    onEvent: (e) => sink.write(e),
    afterChunk: () => sink.drain(),
  });
  await sink.close();
  out.end();
  const events = Buffer.concat(chunks)
    .toString("utf8")
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => {
      const e = JSON.parse(l) as { node: string | null; time: string; serial: number; records: Array<{ type: string }> };
      return { node: e.node, time: e.time, serial: e.serial, types: e.records.map((r) => r.type) };
    });
  return { events, records: counters.records, malformed: counters.malformed };
}

const corpusLogs = [...logsUnder(join(CORPUS, "public")), ...logsUnder(join(CORPUS, "live"))];
const logs = [...corpusLogs, ...logsUnder(FIXTURES)];
const nameOf = (log: string) => (log.startsWith(CORPUS) ? relative(CORPUS, log) : relative(ROOT, log));

describe("oracle: grouping agrees with libauparse 3.0.9 on every corpus log", () => {
  it("finds the corpus", () => {
    expect(corpusLogs.length).toBeGreaterThanOrEqual(70);
    expect(logs.length).toBeGreaterThan(corpusLogs.length);
  });

  it.each(logs.map((l) => [nameOf(l), l]))("%s", async (_name, log) => {
    const reference = readFileSync(log.replace(/\.log$/, ".events.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as StampedTypes);
    const ours = await replayEvents(log);
    const want = byStamp(reference);
    const got = byStamp(ours.events);
    const mismatches: string[] = [];
    for (const [stamp, types] of want) {
      const mine = got.get(stamp);
      if (mine === undefined) mismatches.push(`missing ${stamp}: libauparse ${types.join(",")}`);
      else if (mine.join(",") !== types.join(",")) mismatches.push(`${stamp}: ours ${mine.join(",")} libauparse ${types.join(",")}`);
    }
    for (const stamp of got.keys()) if (!want.has(stamp)) mismatches.push(`extra ${stamp}: ours ${got.get(stamp)!.join(",")}`);
    expect(mismatches.slice(0, 10)).toEqual([]);
    // Stricter than the by-stamp rule: the same EVENTS per stamp (a stamp libauparse splits, e.g.
    // LOGIN then SYSCALL+PROCTITLE, must be split the same way here).
    const wantEvents = eventsByStamp(reference);
    const gotEvents = eventsByStamp(ours.events);
    const split: string[] = [];
    for (const [stamp, events] of wantEvents) if (gotEvents.get(stamp) !== events) split.push(`${stamp}: ours ${gotEvents.get(stamp)} libauparse ${events}`);
    expect(split.slice(0, 10)).toEqual([]);
    // Every line is accounted for: records + malformed = non-blank lines.
    const lines = readFileSync(log, "utf8").split("\n").filter((l) => l.length > 0).length;
    expect(ours.records + ours.malformed).toBe(lines);
  });
});
