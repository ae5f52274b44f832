/** The mapper's behaviour beyond single golden alerts: ids, options, limits, counters. */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../agent/src/config.ts";
import { createMapper } from "../../agent/src/rules/index.ts";
import { parseIdsKey } from "../../agent/src/rules/keys.ts";
import { analyzerInfo, deriveAnalyzerId } from "../../agent/src/idmef/analyzer.ts";
import { clean } from "../../agent/src/idmef/parts.ts";
import { countJsonTokens, validateMessage } from "../../schema/idmef.ts";
import { SYNTH } from "./golden-cases.ts";
import { clock, corpusEventLines, dataOf, eventsOf, HOST, mapText, ruleOf } from "./idmef-helpers.ts";

const LOGIN_OK = `type=USER_LOGIN msg=audit(1700000005.123:200): pid=4242 uid=0 auid=1000 ses=7 msg='op=login id=1000 exe="/usr/sbin/sshd" hostname=203.0.113.9 addr=203.0.113.9 terminal=ssh res=success'`;
const AUTH_FAIL = `type=USER_AUTH msg=audit(1700000001.000:101): pid=4243 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:authentication grantors=? acct="postgres" exe="/usr/sbin/sshd" hostname=203.0.113.9 addr=203.0.113.9 terminal=ssh res=failed'`;

describe("message ids", () => {
  it("are the same when the same log is replayed, and differ by rule, stamp and node", () => {
    const text = SYNTH["login-watched"] + "\n" + LOGIN_OK;
    const a = mapText(text).map((m) => m.alert.messageid);
    const b = mapText(text).map((m) => m.alert.messageid);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length); // two rules on one event + another event: all distinct
    const other = mapText("node=web-2 " + LOGIN_OK).map((m) => m.alert.messageid);
    expect(other[0]).not.toBe(mapText(LOGIN_OK)[0].alert.messageid);
  });

  it("depend on the analyzer id", () => {
    const one = mapText(LOGIN_OK, "analyzer_id = 1")[0].alert.messageid;
    const two = mapText(LOGIN_OK, "analyzer_id = 2")[0].alert.messageid;
    expect(one).not.toBe(two);
  });
});

describe("analyzer[0]", () => {
  it("describes this agent, with the configured name and id", () => {
    const c = parseConfig("analyzer_name = web-01 audit\nanalyzer_id = 42\nnode_name = web-01", "t");
    expect(analyzerInfo(c, HOST)).toEqual({
      analyzerid: "42", name: "web-01 audit", manufacturer: "idmef-edge", model: "idmef-agent", version: "0.1.0",
      class: "HIDS", ostype: "Linux", osversion: "6.1.0-test", node: { name: "web-01" },
    });
  });
  it("derives a stable decimal id from the host name when none is configured", () => {
    expect(deriveAnalyzerId("a")).toBe(deriveAnalyzerId("a"));
    expect(deriveAnalyzerId("a")).not.toBe(deriveAnalyzerId("b"));
    expect(deriveAnalyzerId("a")).toMatch(/^\d{1,19}$/);
  });
});

describe("node names", () => {
  it("use the node= prefix for the target, else the host; numeric sources become addresses", () => {
    const [m] = mapText("node=10.1.2.3 " + LOGIN_OK);
    expect(m.alert.target?.[0].node).toEqual({ address: [{ category: "ipv4-addr", address: "10.1.2.3" }] });
    expect(m.alert.source?.[0].node).toEqual({ address: [{ category: "ipv4-addr", address: "203.0.113.9" }] });
    expect(mapText(LOGIN_OK)[0].alert.target?.[0].node).toEqual({ name: "testhost" });
    expect(mapText(LOGIN_OK, "node_name = web-01")[0].alert.target?.[0].node).toEqual({ name: "web-01" });
  });
});

describe("options", () => {
  it("disable_rule switches a rule off; the event then counts as unmapped", () => {
    const mapper = createMapper({ config: parseConfig("disable_rule = login", "t"), clock, host: HOST });
    const out = eventsOf(LOGIN_OK).flatMap((e) => mapper.map(e));
    expect(out).toEqual([]);
    expect(mapper.counters).toMatchObject({ events: 1, alerts: 0, unmapped: 1 });
  });

  it("watched_accounts matches uid ranges and names", () => {
    expect(mapText(LOGIN_OK).map(ruleOf)).toEqual(["login"]);
    expect(mapText(LOGIN_OK, "watched_accounts = 1000-1005").map(ruleOf)).toEqual(["login", "login-watched"]);
    expect(mapText(AUTH_FAIL).map(ruleOf)).toEqual(["auth-failed"]);
    const failedLogin = AUTH_FAIL.replace("USER_AUTH", "USER_LOGIN");
    expect(mapText(failedLogin, "watched_accounts = postgres").map(ruleOf)).toEqual(["login-watched", "login-failed"]);
  });

  it("mode = all forwards every event, unmapped ones as info alerts named by key or record type", () => {
    const text = corpusEventLines("live/L02-raw-mixed.log", 51399);
    expect(mapText(text)).toEqual([]);
    const all = mapText(text, "mode = all");
    expect(all.map(ruleOf)).toEqual(["all-events"]);
    expect(all[0].alert.assessment?.impact?.severity).toBe("info");
    const dup = mapText(LOGIN_OK, "mode = all").map(ruleOf);
    expect(dup).toEqual(["login"]); // an event with an alert is not sent twice
  });

  it("include_raw adds the event's records as additional_data", () => {
    const text = SYNTH["ids-file"];
    const [m] = mapText(text, "include_raw = yes");
    expect(dataOf(m)["Audit event"]).toBe(text);
    expect(dataOf(mapText(text)[0])["Audit event"]).toBeUndefined();
  });

  it("key_rule maps any key to the configured text and severity, one alert per event", () => {
    const text = SYNTH["ids-file"].replace('key="ids-file-med"', 'key=7368616477017365637265747301') ; // "shadw\x01secrets\x01"
    const out = mapText(text, "key_rule = secrets high Secret Read\nkey_rule = shadw low Shadow Read");
    expect(out.map((m) => [ruleOf(m), m.alert.classification.text, m.alert.assessment?.impact?.severity])).toEqual([
      ["key-rule:shadw", "Shadow Read", "low"],
      ["key-rule:secrets", "Secret Read", "high"],
    ]);
    expect(dataOf(out[0])["Audit key"]).toBe("shadw,secrets");
  });
});

describe("ids-<kind>-<sev> keys", () => {
  it("follow the documented grammar, not the man page's ids-exe typo", () => {
    expect(parseIdsKey("ids-exec-info")).toEqual({ kind: "exec", severity: "info" });
    expect(parseIdsKey("IDS-FILE-HIGH")).toEqual({ kind: "file", severity: "high" });
    expect(parseIdsKey("ids-mkexe-med")).toEqual({ kind: "mkexe", severity: "medium" });
    expect(parseIdsKey("ids-sys-lowish")).toEqual({ kind: "sys", severity: "low" });
    expect(parseIdsKey("ids-exe-info")).toBeNull();
    expect(parseIdsKey("ids-file-critical")).toBeNull();
    expect(parseIdsKey("exec")).toBeNull();
  });
});

describe("one alert per rule per event", () => {
  it("two AVC denials in one event give one MAC Violation", () => {
    const text = corpusEventLines("public/audit-userspace/auparse__test__test.log", 293);
    const avcLine = text.split("\n")[0];
    const twice = avcLine.replace("{ read write }", "{ getattr }") + "\n" + text;
    expect(twice.split("\n").filter((l) => l.startsWith("type=AVC"))).toHaveLength(2);
    expect(mapText(twice).map(ruleOf)).toEqual(["avc"]);
  });
  it("AppArmor AUDIT/STATUS records are not violations; DENIED is", () => {
    const text = corpusEventLines("public/go-libaudit/aucoalesce__testdata__ubuntu-16.04-linux-4.13.0.log", 162937);
    expect(text).toContain('apparmor="AUDIT"');
    expect(mapText(text)).toEqual([]);
    const denied = corpusEventLines("public/go-libaudit/auparse__testdata__audit-ubuntu16.log", 61207);
    expect(mapText(denied).map(ruleOf)).toEqual(["avc"]);
  });
  it("an AVC that is not mmap_zero is never MMAP Page 0 (audisp-prelude had it inverted)", () => {
    const text = corpusEventLines("public/audit-userspace/auparse__test__test.log", 293);
    expect(mapText(text).map(ruleOf)).not.toContain("avc-mmap-zero");
    expect(mapText(SYNTH["avc-mmap-zero"]).map(ruleOf)).toEqual(["avc-mmap-zero"]);
  });
});

describe("limits and encoding", () => {
  it("cuts huge argument lists to stay within libprelude's 1024 JSON tokens, and says so", () => {
    // The kernel spreads a long argv over several EXECVE records of the same event.
    const execve = Array.from({ length: 6 }, (_, rec) => {
      const args = Array.from({ length: 500 }, (_, k) => `a${rec * 500 + k}="x${rec * 500 + k}"`).join(" ");
      return `type=EXECVE msg=audit(1700000041.200:601): ${rec === 0 ? "argc=3000 " : ""}${args}`;
    }).join("\n");
    const text = SYNTH["ids-exec"].replace(/type=EXECVE[^\n]*/, execve);
    const [m] = mapText(text);
    expect(countJsonTokens(m) + 2).toBeLessThanOrEqual(1024);
    expect(validateMessage(m)).toMatchObject({ ok: true });
    const kept = m.alert.source![0].process!.arg!.length;
    expect(kept).toBeGreaterThan(100);
    expect(dataOf(m)["Arguments omitted"]).toBe(3000 - kept);
  });

  it("writes audit strings as printable ASCII with \\xNN escapes", () => {
    expect(clean("plain /etc/passwd")).toBe("plain /etc/passwd");
    expect(clean("caf\u00e9\ttab")).toBe("caf\\xc3\\xa9\\x09tab");
    expect(clean("bad\udcffbyte")).toBe("bad\\xffbyte");
    expect(clean("x".repeat(5000))).toHaveLength(4096);
  });
});

describe("counters", () => {
  it("count events, alerts by rule and unmapped events", () => {
    const mapper = createMapper({ config: parseConfig("", "t"), clock, host: HOST });
    for (const e of eventsOf([LOGIN_OK, AUTH_FAIL, SYNTH["ids-file"], corpusEventLines("live/L02-raw-mixed.log", 51399)].join("\n"))) mapper.map(e);
    expect(mapper.counters).toEqual({ events: 4, alerts: 3, unmapped: 1, ruleErrors: 0, alertsByRule: { login: 1, "auth-failed": 1, "ids-file": 1 } });
  });

  it("count a throwing rule instead of stopping the agent", () => {
    const mapper = createMapper({ config: parseConfig("", "t"), clock, host: HOST });
    const [e] = eventsOf(LOGIN_OK);
    const broken = { ...e, records: e.records.map((r) => Object.assign(Object.create(Object.getPrototypeOf(r)), r, { get: () => { throw new Error("boom"); } })) };
    expect(mapper.map(broken)).toEqual([]);
    expect(mapper.counters.ruleErrors).toBeGreaterThan(0);
    expect(mapper.counters.lastRuleError).toMatch(/on USER_LOGIN serial 200: boom/);
  });
});

describe("fast SYSCALL field reads", () => {
  it("agree with the parser on every SYSCALL record of the corpus", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { parseRecord } = await import("../../agent/src/record/index.ts");
    const { syscallKey, syscallArchNr } = await import("../../agent/src/rules/fast-fields.ts");
    const { CORPUS } = await import("./idmef-helpers.ts");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith(".log")) files.push(p);
      }
    };
    walk(CORPUS);
    let checked = 0;
    for (const f of files) {
      for (const line of readFileSync(f, "utf8").split("\n")) {
        if (!line.includes("type=SYSCALL ")) continue;
        const r = parseRecord(line);
        if (r === null || r.type !== "SYSCALL") continue;
        expect(syscallKey(r), line).toBe(r.get("key"));
        const an = syscallArchNr(r);
        if (an) expect([an.arch, an.nr], line).toEqual([r.get("arch"), r.get("syscall")]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20000);
  });
});

describe("operator text", () => {
  it("key_rule text and analyzer name are sent as ASCII (libprelude refuses \\u escapes)", () => {
    const [m] = mapText(SYNTH["ids-sys"].replace('key="ids-sys-low"', 'key="caf"'), "key_rule = caf low Café opened\nanalyzer_name = hôte");
    expect(m.alert.classification.text).toBe("Caf\\xc3\\xa9 opened");
    expect(m.alert.analyzer[0].name).toBe("h\\xc3\\xb4te");
  });
});
