/**
 * The mapper never throws on odd input (a throw would stop the agent) and whatever it sends is a
 * valid message: real rule-triggering events with their field values replaced or dropped at
 * random (fast-check).
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { parseConfig } from "../../agent/src/config.ts";
import { createMapper } from "../../agent/src/rules/index.ts";
import { parseRecord } from "../../agent/src/record/index.ts";
import type { AuditEvent, AuditRecord } from "../../agent/src/types.ts";
import { validateMessage } from "../../schema/idmef.ts";
import { SYNTH } from "./golden-cases.ts";
import { GOLDEN } from "./golden-expected.ts";
import { clock, corpusEventLines, CORPUS, HOST } from "./idmef-helpers.ts";

const VALIDATOR = `${CORPUS}/../tools/idmef-validate.py`;
const probe = spawnSync("/usr/bin/python3", [VALIDATOR], { input: "" });
const missing = probe.error !== undefined || probe.status === 2 ? "python3-prelude is not installed" : "";
const produced: string[] = [];

const SEEDS: string[][] = [
  ...Object.values(SYNTH).map((t) => t.split("\n")),
  ...GOLDEN.filter((c) => c.corpus).map((c) => corpusEventLines(c.corpus![0], c.corpus![1]).split("\n")),
];

const VALUE = fc.oneof(
  fc.constantFrom("", "?", "(null)", "(none)", "0", "-1", "4294967295", "99999999999999999999", "yes", "no", "failed", "success", "0x80000000", "c000003e", "::1", "10.0.0.1", '""', "ids-exec-hi", "ids-bogus-hi"),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.stringMatching(/^[0-9A-F]{2,16}$/),
  fc.integer().map(String),
);

/**
 * Replace the value of the k-th field of a line by v (or drop the field when v is null). Fields
 * inside a user-space msg='...' payload count too; the stamp is left alone.
 */
function mutate(line: string, k: number, v: string | null): string {
  const re = /([ '])([a-zA-Z0-9_-]+)=("[^"]*"|[^\s']*)/g;
  let i = 0;
  return line.replace(re, (all, lead: string, name: string, value: string) => {
    if (value.startsWith("audit(") || (name === "msg" && value === "")) return all;
    if (i++ !== k) return all;
    if (v === null) return lead === "'" ? "'" : "";
    const quoted = /[\s"']/.test(v) || v === "" ? `"${v.replace(/["'\s]/g, "_")}"` : v;
    return `${lead}${name}=${quoted}`;
  });
}

function eventOf(lines: string[]): AuditEvent | null {
  const records = lines.map((l) => parseRecord(l)).filter((r): r is NonNullable<typeof r> => r !== null) as AuditRecord[];
  if (records.length === 0) return null;
  const r0 = records[0];
  return { node: r0.node, sec: r0.sec, ms: r0.ms, serial: r0.serial, records };
}

describe("mapper robustness", () => {
  for (const [label, conf] of [["default rules", ""], ["everything on", "mode = all\ninclude_raw = yes\nenable_rule = tty-keylogger\nkey_rule = modules high Modules\nwatched_accounts = 0-65535, root"]]) {
    it(`never throws and only sends valid messages (${label})`, () => {
      const mapper = createMapper({ config: parseConfig(conf, "t"), clock, host: HOST });
      fc.assert(
        fc.property(
          fc.constantFrom(...SEEDS),
          fc.array(fc.tuple(fc.nat(40), fc.nat(30), fc.option(VALUE, { nil: null })), { minLength: 1, maxLength: 8 }),
          (seed, edits) => {
            const lines = [...seed];
            for (const [li, fi, v] of edits) lines[li % lines.length] = mutate(lines[li % lines.length], fi, v);
            const e = eventOf(lines);
            if (e === null) return;
            for (const m of mapper.map(e)) {
              if (produced.length < 20000) produced.push(JSON.stringify(m));
              const r = validateMessage(m);
              if (!r.ok) throw new Error(`${r.error}\n${lines.join("\n")}`);
            }
          },
        ),
        { numRuns: 3000, seed: 42 },
      );
      expect(mapper.counters.events).toBeGreaterThan(0);
      expect(mapper.counters.lastRuleError).toBeUndefined();
      expect(mapper.counters.ruleErrors).toBe(0);
    });
  }

  it.skipIf(missing !== "")(`libprelude accepts every fuzzed message${missing ? ` — SKIPPED: ${missing}` : ""}`, () => {
    expect(produced.length).toBeGreaterThan(1000);
    const r = spawnSync("/usr/bin/python3", [VALIDATOR], { input: produced.join("\n") + "\n", encoding: "utf8", maxBuffer: 1 << 26 });
    expect(r.stdout.trim().split("\n").pop()).toBe(`${produced.length} passed, 0 failed`);
  });
});
