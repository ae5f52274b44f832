/**
 * The events output builds JSON text straight from the parser's field lists (no objects, no
 * escaping where none is needed). Check that fast path against JSON.stringify of the same fields
 * for every record of the corpus, and for values that do need escaping.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { eventJson } from "../../agent/src/io/events-sink.ts";
import { parseRecord, type ParsedRecord } from "../../agent/src/record/index.ts";
import { eventTime } from "../../agent/src/types.ts";

const CORPUS = resolve(import.meta.dirname, "../../../shared/corpus");

function logsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? logsUnder(p) : n.endsWith(".log") ? [p] : [];
  });
}

function slowJson(r: ParsedRecord): string {
  const interp = r.interpretedFields();
  return JSON.stringify(interp === null ? { type: r.type, fields: r.fields() } : { type: r.type, fields: r.fields(), interpreted: interp });
}

function check(r: ParsedRecord): void {
  const fast = eventJson({ node: r.node, sec: r.sec, ms: r.ms, serial: r.serial, records: [r] });
  const slow = `{"node":${JSON.stringify(r.node)},"time":"${eventTime(r)}","serial":${r.serial},"records":[${slowJson(r)}]}`;
  if (fast !== slow) expect(fast).toBe(slow);
}

describe("events JSON fast path = JSON.stringify", () => {
  it("every record of every corpus log", () => {
    let n = 0;
    for (const log of logsUnder(CORPUS)) {
      for (const line of readFileSync(log, "utf8").split("\n")) {
        const r = parseRecord(line);
        if (r === null) continue;
        check(r);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100_000);
  });

  it.each([
    ['quote inside an unquoted value', 'type=USER_CMD msg=audit(1.000:1): a=x"y b="ok"'],
    ["backslash", 'type=USER_CMD msg=audit(1.000:1): cmd="C:\\dir" x=1'],
    ["tab", "type=USER_CMD msg=audit(1.000:1): a=x\ty"],
    ["control bytes decoded from hex", "type=PROCTITLE msg=audit(1.000:1): proctitle=6C730A2D6C0009"],
    ["invalid UTF-8 decoded from hex", "type=PATH msg=audit(1.000:1): name=41FF"],
    ["second separator in the ENRICHED part", 'type=SYSCALL msg=audit(1.000:1): uid=0\x1dUID="root"\x1dX=1'],
    ["quote in a name", 'type=SYSCALL msg=audit(1.000:1): a"b=1 c=2'],
    ["empty body", "type=EOE msg=audit(1.000:1): "],
    ["duplicate names (first wins)", "type=SYSCALL msg=audit(1.000:1): a=1 a=2 msg='a=3 b=4'"],
    ["__proto__ as a field name", "type=SYSCALL msg=audit(1.000:1): __proto__=x constructor=y"],
    ["non-ASCII in a quoted value", 'type=USER_CMD msg=audit(1.000:1): acct="jürgen"'],
  ])("%s", (_name, line) => {
    const r = parseRecord(line);
    expect(r).not.toBeNull();
    check(r!);
  });

  it("duplicate names: get() and fields() agree on the first value", () => {
    const r = parseRecord("type=SYSCALL msg=audit(1.000:1): a=1 a=2 msg='a=3 b=4'")!;
    expect(r.get("a")).toBe("1");
    expect(r.fields()).toEqual({ a: "1", b: "4" });
    const proto = parseRecord("type=SYSCALL msg=audit(1.000:1): __proto__=x")!;
    expect(Object.hasOwn(proto.fields(), "__proto__")).toBe(true);
    expect(proto.get("__proto__")).toBe("x");
  });
});
