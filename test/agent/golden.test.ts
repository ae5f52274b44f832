/**
 * Golden tests: for every rule, a real corpus event (or, where the corpus has none, a realistic
 * line written from auditd's documented format: golden-cases.ts) and its expected alert, checked
 * field by field. Expectations live in golden-expected.ts.
 */
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "../../agent/src/rules/index.ts";
import { OTHER_ANOMALY_TYPES, anomalyRuleId } from "../../agent/src/rules/ids.ts";
import { validateMessage } from "../../schema/idmef.ts";
import { SYNTH } from "./golden-cases.ts";
import { GOLDEN } from "./golden-expected.ts";
import { corpusEventLines, HOST, mapText, NOW, ruleOf } from "./idmef-helpers.ts";

function textOf(c: (typeof GOLDEN)[number]): string {
  if (c.corpus) return corpusEventLines(c.corpus[0], c.corpus[1]);
  return SYNTH[c.synth!];
}

describe("golden alerts, one per rule", () => {
  for (const c of GOLDEN) {
    const where = c.corpus ? `${c.corpus[0]} serial ${c.corpus[1]}` : `synthetic ${c.synth}`;
    it(`${c.rule}${c.note ? ` (${c.note})` : ""}: ${where}`, () => {
      const alerts = mapText(textOf(c), c.config ?? "");
      const mine = alerts.filter((m) => ruleOf(m) === c.rule);
      expect(mine).toHaveLength(1);
      const m = mine[0];
      expect(validateMessage(m)).toMatchObject({ ok: true });
      const a = m.alert as unknown as Record<string, unknown>;
      for (const [field, value] of Object.entries(c.expect)) expect(a[field], field).toEqual(value);
      // Fields the expectation leaves out must be absent (no source where none is expected).
      for (const field of ["source", "target"]) if (!(field in c.expect)) expect(a[field], field).toBeUndefined();
      expect(m.alert.create_time).toBe(new Date(NOW).toISOString().replace("Z", "+00:00"));
      expect(m.alert.analyzer).toEqual([
        expect.objectContaining({ model: "idmef-agent", class: "HIDS", manufacturer: "idmef-edge", ostype: HOST.ostype, osversion: HOST.osversion, node: { name: HOST.hostname } }),
      ]);
      expect(m.alert.messageid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  }

  it("covers every rule id (key_rule ids are per configured key)", () => {
    const covered = new Set(GOLDEN.map((c) => c.rule));
    for (const t of OTHER_ANOMALY_TYPES) covered.add(anomalyRuleId(t)); // table-driven below
    expect([...RULE_IDS].filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe("other ANOM_* types (RULES.md: the anomaly's name in words, severity by kind)", () => {
  // The 21xx IDS records come from user space in audit_log_user_message's format.
  for (const type of OTHER_ANOMALY_TYPES) {
    it(`${type} → ${anomalyRuleId(type)}`, () => {
      const line = `type=${type} msg=audit(1700000100.000:1000): pid=4500 uid=0 auid=1000 ses=6 msg='op=test exe="/usr/sbin/example" hostname=? addr=? terminal=pts/1 res=success'`;
      const alerts = mapText(line);
      expect(alerts.map(ruleOf)).toEqual([anomalyRuleId(type)]);
      const a = alerts[0].alert;
      expect(a.classification.text).toMatch(/^[A-Z][A-Za-z ()]+$/);
      expect(["medium", "high"]).toContain(a.assessment?.impact?.severity);
      expect(a.source?.[0].user?.user_id[0]).toEqual({ type: "original-user", number: 1000, tty: "pts/1" });
      expect(validateMessage(alerts[0])).toMatchObject({ ok: true });
    });
  }
});
