/**
 * On the live corpus, every failed login / failed authentication, every account or group change,
 * every ANOM_ABEND and ANOM_PROMISCUOUS, and every audit configuration change yields its alert.
 * The expectation is computed from the raw lines with plain regular expressions, independently of
 * the parser and the rules.
 */
import { describe, expect, it } from "vitest";
import { createReadStream, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readEvents } from "../../agent/src/io/read-events.ts";
import { DEFAULT_CONFIG } from "../../agent/src/config.ts";
import { createMapper } from "../../agent/src/rules/index.ts";
import { clock, CORPUS, dataOf, HOST } from "./idmef-helpers.ts";

/** Record type (+ condition on the line) → the rules one of which must fire for its event. */
const EXPECTED: [type: string, when: RegExp | null, rules: string[]][] = [
  ["USER_LOGIN", / res=failed/, ["login-failed"]],
  ["USER_AUTH", / res=failed/, ["auth-failed"]],
  ["USER_ACCT", / res=failed/, ["auth-failed"]],
  ["ADD_USER", null, ["account-created"]],
  ["DEL_USER", null, ["account-deleted"]],
  ["USER_MGMT", null, ["account-modified"]],
  ["USER_CHAUTHTOK", null, ["password-changed", "account-modified"]],
  ["ADD_GROUP", null, ["group-created"]],
  ["DEL_GROUP", null, ["group-deleted"]],
  ["GRP_MGMT", null, ["group-modified"]],
  ["ANOM_ABEND", null, ["anom-abend"]],
  ["ANOM_PROMISCUOUS", null, ["anom-promiscuous"]],
  ["CONFIG_CHANGE", null, ["audit-config"]],
  ["DAEMON_CONFIG", null, ["audit-config"]],
  ["DAEMON_END", null, ["audit-daemon-stop"]],
  ["DAEMON_ABORT", null, ["audit-daemon-abort"]],
];

const LIVE = join(CORPUS, "live");
const STAMP = /^(?:node=(\S+) )?type=(\w+) msg=audit\((\d+)\.(\d+):(\d+)\)/;

describe("live corpus: every security-relevant record yields its alert", () => {
  for (const file of readdirSync(LIVE).filter((f) => f.endsWith(".log")).sort()) {
    it(file, async () => {
      const expected: { key: string; type: string; rules: string[] }[] = [];
      for (const line of readFileSync(join(LIVE, file), "utf8").split("\n")) {
        const m = STAMP.exec(line);
        if (!m) continue;
        for (const [type, when, rules] of EXPECTED) {
          if (m[2] === type && (when === null || when.test(line))) {
            expected.push({ key: `${m[1] ?? ""}|${m[3]}.${m[4]}:${m[5]}`, type, rules });
          }
        }
      }
      const fired = new Map<string, Set<string>>();
      const mapper = createMapper({ config: DEFAULT_CONFIG, clock, host: HOST });
      await readEvents(createReadStream(join(LIVE, file)), {
        onEvent: (e) => {
          for (const msg of mapper.map(e)) {
            const key = `${e.node ?? ""}|${e.sec}.${String(e.ms).padStart(3, "0")}:${e.serial}`;
            const set = fired.get(key) ?? new Set<string>();
            set.add(String(dataOf(msg).rule));
            fired.set(key, set);
          }
        },
      });
      expect(expected.length).toBeGreaterThan(0);
      const missed = expected.filter((x) => !x.rules.some((r) => fired.get(x.key)?.has(r)));
      expect(missed.map((x) => `${x.type} ${x.key}`)).toEqual([]);
    });
  }
});
