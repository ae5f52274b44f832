/** Alerts stay within the server's per-message cap (64 KB) whatever the command line or paths. */
import { describe, expect, it } from "vitest";
import { CUT_MARK, fittedJson } from "../../agent/src/idmef/fit-bytes.ts";
import { DEFAULT_MAX_MESSAGE_BYTES } from "../../schema/idmef-wire.ts";
import { countJsonTokens, validateMessage } from "../../schema/idmef.ts";
import { SYNTH } from "./golden-cases.ts";
import { dataOf, mapText } from "./idmef-helpers.ts";

const bytes = (m: unknown) => Buffer.byteLength(JSON.stringify(m));

/** An exec event whose argv is `argc` arguments of `len` characters, spread over EXECVE records. */
function longExec(argc: number, len: number, char = "x"): string {
  const args = Array.from({ length: argc }, (_, k) => `a${k}="${`${k}`.padEnd(len, char)}"`);
  // The kernel writes at most ~7.5 KB of arguments per EXECVE record.
  const records: string[] = [];
  let line = `type=EXECVE msg=audit(1700000041.200:601): argc=${argc}`;
  for (const a of args) {
    if (line.length + a.length > 7500) {
      records.push(line);
      line = "type=EXECVE msg=audit(1700000041.200:601):";
    }
    line += " " + a;
  }
  records.push(line);
  return SYNTH["ids-exec"].replace(/type=EXECVE[^\n]*/, records.join("\n"));
}

describe("per-message byte budget", () => {
  it.each([
    [1500, 40, true],
    [1000, 1000, false],
    [1000, 1000, true],
    [1000, 4200, true],
  ])("%i arguments of %i characters (include_raw %s): within 64 KB and 1024 tokens, cut counted", (argc, len, raw) => {
    const [m] = mapText(longExec(argc, len), raw ? "include_raw = yes" : "");
    expect(bytes(m)).toBeLessThanOrEqual(DEFAULT_MAX_MESSAGE_BYTES);
    expect(bytes(m)).toBeGreaterThan(DEFAULT_MAX_MESSAGE_BYTES * 0.75); // cut to fit, not emptied
    expect(countJsonTokens(m) + 2).toBeLessThanOrEqual(1024);
    expect(validateMessage(m)).toMatchObject({ ok: true });
    const kept = m.alert.source![0].process!.arg?.length ?? 0;
    expect(dataOf(m)["Arguments omitted"]).toBe(argc - kept);
    if (raw) expect(String(dataOf(m)["Audit event"])).toMatch(/\[\.\.\.\]$/);
  });

  it("leaves a message under the budget untouched", () => {
    const [m] = mapText(longExec(20, 40), "include_raw = yes");
    expect(JSON.stringify(m)).not.toContain(CUT_MARK);
    expect(m.alert.source![0].process!.arg).toHaveLength(20);
  });

  it("halves the longest strings when arguments alone do not suffice (escaped non-ASCII paths)", () => {
    const path = "/tmp/" + "\u00e9".repeat(4000);
    const text = longExec(1, 10).replace(/exe="[^"]*"/, `exe="${path}"`).replace(/name="[^"]*"/g, `name="${path}"`).replace(/cwd="[^"]*"/, `cwd="${path}"`);
    const [m] = mapText(text, "include_raw = yes");
    expect(bytes(m)).toBeLessThanOrEqual(DEFAULT_MAX_MESSAGE_BYTES);
    expect(validateMessage(m)).toMatchObject({ ok: true });
  });

  it("hands the plugin the text it measured, and serialises anew whatever it did not just fit", () => {
    const [small] = mapText(longExec(20, 40), "include_raw = yes");
    const first = fittedJson(small);
    expect(first).toEqual({ text: JSON.stringify(small), bytes: bytes(small) });
    // taken once: a later change to the object shows in the next text
    small.alert.classification.text = "changed \u00e9";
    expect(fittedJson(small)).toEqual({ text: JSON.stringify(small), bytes: bytes(small) });
    const [big] = mapText(longExec(1000, 4200), "include_raw = yes");
    expect(fittedJson(big)).toEqual({ text: JSON.stringify(big), bytes: bytes(big) });
    expect(bytes(big)).toBeLessThanOrEqual(DEFAULT_MAX_MESSAGE_BYTES);
  });
});
