import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig, loadConfig, ConfigError, DEFAULT_CONFIG } from "../../agent/src/config.ts";

function problems(text: string): string[] {
  try {
    parseConfig(text, "agent.conf");
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return [...(e as ConfigError).problems];
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("gives defaults for an empty file", () => {
    const c = parseConfig("# nothing\n\n", "x");
    expect(c).toMatchObject({
      server: null, analyzer_name: "idmef-agent", overflow_action: "drop_oldest", heartbeat_interval: 600,
      mode: "alerts", include_raw: false, event_timeout_ms: 2000, watched_accounts: { uids: [[1, 499]], names: [] },
      key_rules: [], shutdown_timeout_ms: 5000, retry_max_delay_ms: 60000, node_name: null,
    });
    expect([...c.disabled_rules]).toEqual(["tty-keylogger"]);
  });

  it("reads every SPEC 2.6 key plus the agent's extras", () => {
    const c = parseConfig(
      [
        "server = https://ids.example.org/",
        "client_id = host-01",
        "analyzer_id = 123456789",
        "analyzer_name = web-01 audit",
        "key_file = /etc/idmef-agent/key.pem",
        'spool_dir = "/var/spool/idmef agent"',
        "spool_max_bytes = 16M",
        "overflow_action = drop_newest",
        "heartbeat_interval = 60   # one minute",
        "batch_max_messages = 50",
        "batch_max_bytes = 256K",
        "batch_linger_ms = 0",
        "event_timeout_ms = 3000",
        "max_in_flight = 10",
        "mode = all",
        "watched_accounts = 1-99, 1000, postgres,backup",
        "key_rule = sshd_config high SSH configuration changed",
        "key_rule = ids-custom low Custom # hash kept",
        "include_raw = yes",
        "tls_ca_file = /etc/ssl/ca.pem",
        "shutdown_timeout_ms = 1000",
        "retry_max_delay_ms = 30000",
        "node_name = web-01",
        "disable_rule = login, avc",
        "disable_rule = seccomp",
        "enable_rule = tty-keylogger",
      ].join("\n"),
      "agent.conf",
    );
    expect(c).toMatchObject({
      server: "https://ids.example.org", client_id: "host-01", analyzer_id: "123456789", analyzer_name: "web-01 audit",
      spool_dir: "/var/spool/idmef agent", spool_max_bytes: 16 * 1024 * 1024, overflow_action: "drop_newest",
      heartbeat_interval: 60, batch_max_messages: 50, batch_max_bytes: 256 * 1024, batch_linger_ms: 0,
      event_timeout_ms: 3000, max_in_flight: 10, mode: "all", include_raw: true, tls_ca_file: "/etc/ssl/ca.pem",
      shutdown_timeout_ms: 1000, retry_max_delay_ms: 30000, node_name: "web-01",
      watched_accounts: { uids: [[1, 99], [1000, 1000]], names: ["postgres", "backup"] },
    });
    expect(c.key_rules).toEqual([
      { key: "sshd_config", severity: "high", text: "SSH configuration changed", line: 17 },
      { key: "ids-custom", severity: "low", text: "Custom # hash kept", line: 18 },
    ]);
    expect([...c.disabled_rules].sort()).toEqual(["avc", "login", "seccomp"]);
  });

  it("reports unknown keys and bad values with line numbers, all at once", () => {
    const p = problems(
      [
        "# header",
        "bogus = 1",
        "heartbeat_interval = ten",
        "overflow_action = drop_all",
        "mode = some",
        "include_raw = maybe",
        "server = ftp://x",
        "key_rule = onlykey",
        "key_rule = k critical Text",
        "watched_accounts = 5-1",
        "disable_rule = no-such-rule",
        "spool_max_bytes = 12Q",
        "no equals sign",
        "mode = alerts",
        "mode = all",
        "batch_max_messages = 0",
        "key_rule = k1 low One",
        "key_rule = k1 high Again",
      ].join("\n"),
    );
    expect(p).toEqual([
      expect.stringMatching(/^agent\.conf:2: unknown key "bogus"/),
      expect.stringMatching(/^agent\.conf:3: heartbeat_interval: expected a whole number/),
      expect.stringMatching(/^agent\.conf:4: overflow_action: expected one of drop_oldest, drop_newest/),
      expect.stringMatching(/^agent\.conf:5: mode: /),
      expect.stringMatching(/^agent\.conf:6: include_raw: expected yes or no/),
      expect.stringMatching(/^agent\.conf:7: server: expected an http\(s\) URL/),
      expect.stringMatching(/^agent\.conf:8: key_rule: expected "<audit key> <severity>/),
      expect.stringMatching(/^agent\.conf:9: key_rule: severity must be one of/),
      expect.stringMatching(/^agent\.conf:10: watched_accounts: bad uid range/),
      expect.stringMatching(/^agent\.conf:11: disable_rule: unknown rule id "no-such-rule"/),
      expect.stringMatching(/^agent\.conf:12: spool_max_bytes: /),
      expect.stringMatching(/^agent\.conf:13: expected "key = value"/),
      expect.stringMatching(/^agent\.conf:14: "mode" is already set on line 5/),
      expect.stringMatching(/^agent\.conf:15: "mode" is already set on line 5/),
      expect.stringMatching(/^agent\.conf:16: batch_max_messages: expected a number from 1/),
      expect.stringMatching(/^agent\.conf:18: key_rule: a key_rule for "k1" is already on line 17/),
    ]);
  });

  it("refuses plain http:// except to loopback, naming the line", () => {
    for (const server of ["http://127.0.0.1:8787", "http://127.3.2.1", "http://localhost:8787/", "http://[::1]:8787", "https://ids.example.org"]) {
      expect(parseConfig(`server = ${server}`).server).toBe(server.replace(/\/$/, ""));
    }
    for (const server of ["http://ids.example.org", "http://10.0.0.1:8787", "http://[::2]", "http://127.0.0.1.evil.example", "http://localhost.evil.example"]) {
      expect(problems(`# agent\n\nserver = ${server}`)).toEqual([
        expect.stringMatching(/^agent\.conf:3: server: http:\/\/ is allowed only for loopback .* use https:\/\//),
      ]);
    }
  });

  it("does not share state between parses", () => {
    parseConfig("key_rule = a low A\ndisable_rule = login", "a");
    const c = parseConfig("", "b");
    expect(c.key_rules).toEqual([]);
    expect(c.disabled_rules.has("login")).toBe(false);
    expect(DEFAULT_CONFIG.key_rules).toEqual([]);
  });

  it("loadConfig reads a file and names it in errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const f = join(dir, "agent.conf");
    writeFileSync(f, "mode = all\n");
    expect(loadConfig(f).mode).toBe("all");
    writeFileSync(f, "\nmode = none\n");
    expect(() => loadConfig(f)).toThrow(`${f}:2: mode:`);
    expect(() => loadConfig(join(dir, "missing.conf"))).toThrow(/cannot read/);
  });
});
