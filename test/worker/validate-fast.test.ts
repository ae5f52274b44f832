/**
 * Inside workerd (no eval): the precompiled validator loads and is the path valid messages take,
 * and what it does not accept still gets zod's answer. Agreement with zod on the corpus and on
 * mutations is tested in Node: test/agent/schema-fast-validator.test.ts.
 */
import { describe, expect, it } from "vitest";
import { validateMessage } from "../../schema/idmef.ts";
import { checkIdmefMessage, fastAccepts } from "../../worker/src/validate/idmef.ts";
import { alert, heartbeat } from "./helpers.ts";

describe("Worker message validation in workerd", () => {
  it("accepts valid alerts and heartbeats on the precompiled path", () => {
    for (const m of [alert("a1", 1), heartbeat("a1", "running", Date.UTC(2024, 0, 1))]) {
      expect(fastAccepts(m)).toBe(true);
      expect(checkIdmefMessage(m)).toEqual({ ok: true, message: m });
    }
  });

  it("answers like zod, error text included, for what it does not accept", () => {
    const changed = (f: (a: Record<string, unknown>) => void) => {
      const m = alert("a1", 2);
      f(m.alert);
      return m;
    };
    const bad: unknown[] = [
      changed((a) => (a.create_time = "2024-01-01T00:00:00")), // no offset
      changed((a) => (a.extra = 1)),
      changed((a) => {
        // two of tool/overflow/correlation: zod's refinement, not in the JSON Schema
        a.tool_alert = { name: "t", alertident: [{ alertident: "1" }] };
        a.overflow_alert = { program: "p" };
      }),
      changed((a) => (a.additional_data = Array.from({ length: 300 }, (_, i) => ({ type: "integer", data: i })))), // > 1024 tokens
      { version: "1.0" },
      [],
    ];
    for (const m of bad) {
      expect(fastAccepts(m)).toBe(false);
      const v = checkIdmefMessage(m);
      expect(v.ok).toBe(false);
      expect(v).toEqual(validateMessage(m));
    }
  });
});
