/**
 * Conformance with libprelude: every message the mapper produces from every corpus log must
 * parse in libprelude and survive its round trip (shared/tools/idmef-validate.py), and validate
 * against schema/idmef.ts. Without python3-prelude the libprelude part is SKIPPED with the reason
 * in its name (CI installs it), never passed silently.
 */
import { describe, expect, it } from "vitest";
import { createReadStream, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";
import { readEvents } from "../../agent/src/io/read-events.ts";
import { parseConfig } from "../../agent/src/config.ts";
import { createMapper } from "../../agent/src/rules/index.ts";
import { validateMessage } from "../../schema/idmef.ts";
import { clock, CORPUS, HOST } from "./idmef-helpers.ts";

const VALIDATOR = join(CORPUS, "../tools/idmef-validate.py");
const PYTHON = "/usr/bin/python3";

function corpusLogs(dir = CORPUS): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...corpusLogs(p));
    else if (name.endsWith(".log")) out.push(p);
  }
  return out;
}

async function messagesOf(file: string, configText: string): Promise<string[]> {
  const mapper = createMapper({ config: parseConfig(configText, "test.conf"), clock, host: HOST });
  const lines: string[] = [];
  await readEvents(createReadStream(file), { onEvent: (e) => { for (const m of mapper.map(e)) lines.push(JSON.stringify(m)); } });
  return lines;
}

const probe = spawnSync(PYTHON, [VALIDATOR], { input: "" });
const missing =
  probe.error !== undefined ? `${PYTHON} not found` : probe.status === 2 ? "python3-prelude is not installed" : "";

const CONFIGS: [string, string][] = [
  ["default rules", ""],
  ["mode = all, include_raw, keylogger on", "mode = all\ninclude_raw = yes\nenable_rule = tty-keylogger\nkey_rule = exec low Program Executed\n"],
];

describe("conformance with libprelude", () => {
  const logs = corpusLogs();
  it("finds the corpus", () => {
    expect(logs.length).toBeGreaterThan(50);
  });

  for (const [label, configText] of CONFIGS) {
    describe(label, () => {
      let all: { file: string; line: string }[] = [];
      it("maps every corpus log; every message validates against schema/idmef.ts", async () => {
        all = [];
        for (const f of logs) for (const line of await messagesOf(f, configText)) all.push({ file: relative(CORPUS, f), line });
        expect(all.length).toBeGreaterThan(configText === "" ? 1000 : 20000);
        const bad = all.map((m) => ({ ...m, r: validateMessage(JSON.parse(m.line)) })).filter((m) => !m.r.ok);
        expect(bad.slice(0, 5).map((b) => `${b.file}: ${(b.r as { error: string }).error}`)).toEqual([]);
      });

      it.skipIf(missing !== "")(
        `every message passes idmef-validate.py (libprelude round trip)${missing ? ` — SKIPPED: ${missing}` : ""}`,
        () => {
          expect(all.length).toBeGreaterThan(0);
          const r = spawnSync(PYTHON, [VALIDATOR], { input: all.map((m) => m.line).join("\n") + "\n", encoding: "utf8", maxBuffer: 1 << 26 });
          const summary = r.stdout.trim().split("\n").pop();
          expect(r.stdout).toContain(`${all.length} passed, 0 failed`);
          expect(summary).toBe(`${all.length} passed, 0 failed`);
          expect(r.status).toBe(0);
        },
      );
    });
  }
});
