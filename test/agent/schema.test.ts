import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import {
  validateMessage,
  idmefTime,
  countJsonTokens,
  MAX_JSON_TOKENS,
  type AlertMessage,
} from "../../schema/idmef.ts";
import { renderIdmefJsonSchema, SCHEMA_JSON_PATH } from "../../scripts/gen-schema.ts";

function fullAlert(): AlertMessage {
  return {
    version: "1.0",
    alert: {
      messageid: "m-1",
      analyzer: [
        {
          analyzerid: "a1", name: "host-agent", manufacturer: "idmef-edge", model: "idmef-agent",
          version: "0.1.0", class: "HIDS", ostype: "Linux", osversion: "6.1.0",
          node: { name: "host", address: [{ category: "ipv4-addr", address: "10.0.0.1" }] },
          process: { name: "idmef-agent", pid: 42 },
        },
      ],
      create_time: "2024-01-01T00:00:00.123+00:00",
      detect_time: "2024-01-01T00:00:00.120+01:00",
      classification: { text: "Login", reference: [{ origin: "cve", name: "CVE-1", url: "https://x" }] },
      source: [{ node: { name: "remote" }, user: { category: "unknown", user_id: [{ type: "original-user", number: 1000 }] } }],
      target: [
        {
          node: { name: "host" },
          user: { category: "application", user_id: [{ type: "target-user", name: "root", number: 0, tty: "pts/0" }] },
          process: { name: "sshd", pid: 7, path: "/usr/sbin/sshd", arg: ["sshd", "-D"], env: ["A=b"] },
          file: [{ name: "passwd", path: "/etc/passwd", category: "current" }],
        },
      ],
      assessment: {
        impact: { severity: "medium", completion: "failed", type: "admin", description: "d" },
        action: [{ category: "notification-sent" }],
        confidence: { rating: "numeric", confidence: 0.5 },
      },
      additional_data: [
        { meaning: "serial", type: "integer", data: 50406 },
        { meaning: "key", type: "string", data: "ids-file-med" },
        { meaning: "flag", type: "boolean", data: 1 },
        { meaning: "ratio", type: "real", data: 1.5 },
        { meaning: "when", type: "date-time", data: "2024-01-01T00:00:00+00:00" },
      ],
    },
  };
}

describe("schema/idmef.schema.json", () => {
  it("is up to date with schema/idmef.ts (run node scripts/gen-schema.ts)", () => {
    expect(readFileSync(SCHEMA_JSON_PATH, "utf8")).toBe(renderIdmefJsonSchema());
  });
});

describe("validateMessage", () => {
  it("accepts a full alert and a heartbeat", () => {
    expect(validateMessage(fullAlert())).toMatchObject({ ok: true });
    const hb = {
      version: "1.0",
      heartbeat: {
        messageid: "h", analyzer: [{ analyzerid: "a1" }], create_time: idmefTime(0), heartbeat_interval: 600,
        additional_data: [{ meaning: "Analyzer status", type: "string", data: "running" }],
      },
    };
    expect(validateMessage(hb)).toMatchObject({ ok: true });
  });

  const bad: [string, (m: any) => void, RegExp][] = [
    ["unknown enum (libprelude would drop it)", (m) => (m.alert.assessment.impact.severity = "critical"), /\$\.alert\.assessment\.impact\.severity/],
    ["unknown top-level key", (m) => (m.extra = 1), /\$: .*extra/i],
    ["_self tags", (m) => (m.alert._self = "idmef_alert_t"), /_self/],
    ["unknown nested key", (m) => (m.alert.target[0].user.foo = 1), /\$\.alert\.target\[0\]\.user/],
    ["pid as a string", (m) => (m.alert.target[0].process.pid = "7"), /\$\.alert\.target\[0\]\.process\.pid/],
    ["negative user number", (m) => (m.alert.source[0].user.user_id[0].number = -1), /user_id\[0\]\.number/],
    ["time without offset", (m) => (m.alert.create_time = "2024-01-01T00:00:00"), /\$\.alert\.create_time/],
    ["boolean as JSON true", (m) => (m.alert.additional_data[2].data = true), /additional_data\[2\]\.data/],
    ["integer data as a string", (m) => (m.alert.additional_data[0].data = "5"), /additional_data\[0\]\.data/],
    ["missing analyzer", (m) => delete m.alert.analyzer, /\$\.alert\.analyzer/],
    ["wrong version", (m) => (m.version = "2.0"), /\$\.version/],
    ["two alert subclasses", (m) => { m.alert.tool_alert = { name: "t", alertident: [{ alertident: "1" }] }; m.alert.overflow_alert = { program: "p" }; }, /at most one/],
  ];
  for (const [name, mutate, re] of bad) {
    it(`rejects ${name} with its path`, () => {
      const m = fullAlert();
      mutate(m);
      const r = validateMessage(m);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(re);
    });
  }

  it("rejects non-messages", () => {
    expect(validateMessage([])).toMatchObject({ ok: false });
    expect(validateMessage({ version: "1.0" })).toMatchObject({ ok: false, error: expect.stringMatching(/alert.*heartbeat/) });
  });

  it("rejects a message over libprelude's token limit", () => {
    const m = fullAlert();
    const base = countJsonTokens(m) + 2;
    m.alert.target![0].process!.arg = [...m.alert.target![0].process!.arg!, ...Array(MAX_JSON_TOKENS - base).fill("x")];
    expect(validateMessage(m)).toMatchObject({ ok: true });
    m.alert.target![0].process!.arg!.push("one too many");
    expect(validateMessage(m)).toMatchObject({ ok: false, error: expect.stringMatching(/1025 JSON tokens/) });
  });

  it("idmefTime writes RFC 3339 with milliseconds and an offset", () => {
    expect(idmefTime(1490137971011)).toBe("2017-03-21T23:12:51.011+00:00");
  });
});

describe("agreement with libprelude (python3-prelude)", () => {
  const probe = spawnSync("/usr/bin/python3", ["-c", "import prelude"]);
  const missing = probe.status !== 0 ? "python3-prelude is not installed (apt-get install -y python3-prelude)" : "";
  it.skipIf(missing !== "")(`a message the schema accepts round-trips in libprelude ${missing}`, () => {
    const good = fullAlert();
    const limit = fullAlert();
    limit.alert.target![0].process!.arg!.push(...Array(MAX_JSON_TOKENS - countJsonTokens(limit) - 2).fill("x"));
    const input = [good, limit].map((m) => JSON.stringify(m)).join("\n") + "\n";
    const r = spawnSync("/usr/bin/python3", ["../shared/tools/idmef-validate.py"], { input, encoding: "utf8" });
    expect(r.stdout).toContain("2 passed, 0 failed");
    // and one just over the limit is refused by libprelude too
    limit.alert.target![0].process!.arg!.push("x");
    const over = spawnSync("/usr/bin/python3", ["../shared/tools/idmef-validate.py"], { input: JSON.stringify(limit) + "\n", encoding: "utf8" });
    expect(over.stdout).toContain("0 passed, 1 failed");
  });
});
