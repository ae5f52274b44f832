/** `idmef-agent replay` with the default `--format idmef`: the real CLI, as an operator runs it. */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateMessage, type AlertMessage } from "../../schema/idmef.ts";

const LOG = "../shared/corpus/live/L05-enriched-network-anomaly.log";

function replay(args: string[], input?: string) {
  return spawnSync(process.execPath, ["agent/bin/idmef-agent.mjs", "replay", ...args], { encoding: "utf8", input, maxBuffer: 1 << 26 });
}

describe("idmef-agent replay (IDMEF output)", () => {
  it("prints one valid IDMEF message per line and the counters on stderr", () => {
    const r = replay([LOG]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    const msgs = lines.map((l) => JSON.parse(l) as AlertMessage);
    for (const m of msgs) expect(validateMessage(m)).toMatchObject({ ok: true });
    const counters = Object.fromEntries([...r.stderr.matchAll(/(\S+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
    expect(counters.alerts).toBe(msgs.length);
    expect(counters.events).toBe(counters.unmapped + new Set(msgs.map((m) => `${m.alert.detect_time}|${m.alert.additional_data![0].data}`)).size);
    const byRule: Record<string, number> = {};
    for (const m of msgs) {
      const rule = String(m.alert.additional_data!.find((d) => d.meaning === "rule")!.data);
      byRule[rule] = (byRule[rule] ?? 0) + 1;
    }
    for (const [rule, n] of Object.entries(byRule)) expect(counters[`alerts[${rule}]`], rule).toBe(n);
  });

  it("gives the same message ids when the same log is replayed twice (and reads stdin with -)", () => {
    const ids = (s: string) => s.trim().split("\n").map((l) => (JSON.parse(l) as AlertMessage).alert.messageid);
    const a = ids(replay([LOG]).stdout);
    const b = ids(replay(["-"], readFileSync(LOG, "utf8")).stdout);
    expect(b).toEqual(a);
  });

  it("takes --config for rules and the analyzer name; a bad config is a clear error", () => {
    const dir = mkdtempSync(join(tmpdir(), "replay-"));
    const conf = join(dir, "agent.conf");
    writeFileSync(conf, "analyzer_name = lab-node\ndisable_rule = audit-config\nkey_rule = network_connect low Outbound Connection\n");
    const r = replay(["--config", conf, LOG]);
    expect(r.status).toBe(0);
    const msgs = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as AlertMessage);
    expect(msgs.every((m) => m.alert.analyzer[0].name === "lab-node")).toBe(true);
    const texts = new Set(msgs.map((m) => m.alert.classification.text));
    expect(texts.has("Audit Configuration Changed")).toBe(false);
    expect(texts.has("Outbound Connection")).toBe(true);
    writeFileSync(conf, "\nmode = sometimes\n");
    const bad = replay(["--config", conf, LOG]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain(`${conf}:2: mode:`);
    expect(bad.stdout).toBe("");
  });
});
