/**
 * agent.conf: `key = value` lines with `#` comments, like audit's own plugin configs (SPEC 2.6).
 * `parseConfig` is pure (text in, typed config out); `loadConfig` reads the file at the edge.
 * Every problem is reported with its line number, all at once, so an operator fixes the file in
 * one pass.
 */
import { readFileSync } from "node:fs";
import type { Severity } from "../../schema/idmef.ts";
import { RULE_IDS, DEFAULT_OFF_RULES } from "./rules/ids.ts";

export type OverflowAction = "drop_oldest" | "drop_newest";
export type Mode = "alerts" | "all";

/** `watched_accounts`: uid ranges (inclusive) and account names. */
export interface WatchedAccounts {
  readonly uids: readonly (readonly [number, number])[];
  readonly names: readonly string[];
}

/** `key_rule = <audit key> <severity> <classification text>`. */
export interface KeyRule {
  readonly key: string;
  readonly severity: Severity;
  readonly text: string;
  readonly line: number;
}

export interface AgentConfig {
  /** Ingestion API base URL (https://...); null when not configured (replay without --send). */
  readonly server: string | null;
  readonly client_id: string | null;
  /** Persisted analyzer id; null = derive (see idmef/analyzer.ts). */
  readonly analyzer_id: string | null;
  readonly analyzer_name: string;
  readonly key_file: string;
  readonly spool_dir: string;
  readonly spool_max_bytes: number;
  readonly overflow_action: OverflowAction;
  /** Seconds. */
  readonly heartbeat_interval: number;
  readonly batch_max_messages: number;
  readonly batch_max_bytes: number;
  readonly batch_linger_ms: number;
  readonly event_timeout_ms: number;
  readonly max_in_flight: number;
  readonly mode: Mode;
  readonly watched_accounts: WatchedAccounts;
  readonly key_rules: readonly KeyRule[];
  readonly include_raw: boolean;
  readonly tls_ca_file: string | null;
  readonly shutdown_timeout_ms: number;
  readonly retry_max_delay_ms: number;
  /** Host name used for analyzer and target nodes when a record has no `node=`; null = os.hostname(). */
  readonly node_name: string | null;
  /** Rules switched off (`disable_rule`), after `enable_rule` for the ones off by default. */
  readonly disabled_rules: ReadonlySet<string>;
}

/** Where `run` and `check` read the configuration unless --config says otherwise. */
export const DEFAULT_CONFIG_FILE = "/etc/idmef-agent/agent.conf";

export const DEFAULT_CONFIG: AgentConfig = Object.freeze({
  server: null,
  client_id: null,
  analyzer_id: null,
  analyzer_name: "idmef-agent",
  key_file: "/etc/idmef-agent/agent.key", // where `idmef-agent keygen` writes it
  spool_dir: "/var/spool/idmef-agent",
  spool_max_bytes: 64 * 1024 * 1024,
  overflow_action: "drop_oldest",
  heartbeat_interval: 600,
  batch_max_messages: 100,
  batch_max_bytes: 512 * 1024,
  batch_linger_ms: 200,
  event_timeout_ms: 2000,
  max_in_flight: 64,
  mode: "alerts",
  watched_accounts: { uids: [[1, 499]], names: [] },
  key_rules: [],
  include_raw: false,
  tls_ca_file: null,
  shutdown_timeout_ms: 5000,
  retry_max_delay_ms: 60_000,
  node_name: null,
  disabled_rules: new Set(DEFAULT_OFF_RULES),
} satisfies AgentConfig);

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(fileName: string, problems: string[]) {
    super(`${fileName}: invalid configuration\n  ` + problems.join("\n  "));
    this.name = "ConfigError";
    this.problems = problems;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Setter = (value: string, cfg: Mutable<AgentConfig>, line: number, state: ParseState) => void;
interface ParseState {
  enabled: Set<string>;
  disabled: Set<string>;
}

class BadValue extends Error {}

const SIZE_UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    if (!/^\d+$/.test(v)) throw new BadValue(`expected a whole number, got "${v}"`);
    const n = Number(v);
    if (n < min || n > max) throw new BadValue(`expected a number from ${min} to ${max}, got ${v}`);
    return n;
  };
}

/** Byte sizes: a number with an optional K/M/G suffix (powers of 1024). */
function byteSize(min: number) {
  return (v: string): number => {
    const m = /^(\d+)\s*([kmg]?)i?b?$/i.exec(v);
    if (!m) throw new BadValue(`expected a size like 65536, 512K or 64M, got "${v}"`);
    const n = Number(m[1]) * SIZE_UNITS[m[2].toLowerCase()];
    if (n < min || !Number.isSafeInteger(n)) throw new BadValue(`expected at least ${min} bytes, got "${v}"`);
    return n;
  };
}

function boolean(v: string): boolean {
  const s = v.toLowerCase();
  if (s === "yes" || s === "true" || s === "on" || s === "1") return true;
  if (s === "no" || s === "false" || s === "off" || s === "0") return false;
  throw new BadValue(`expected yes or no, got "${v}"`);
}

function oneOf<T extends string>(...allowed: T[]) {
  return (v: string): T => {
    if ((allowed as string[]).includes(v)) return v as T;
    throw new BadValue(`expected one of ${allowed.join(", ")}, got "${v}"`);
  };
}

function text(v: string): string {
  if (v === "") throw new BadValue("expected a value");
  return v;
}

function path(v: string): string {
  if (v === "") throw new BadValue("expected a path");
  return v;
}

function url(v: string): string {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new BadValue(`expected a URL like https://ids.example.org, got "${v}"`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new BadValue(`expected an http(s) URL, got "${v}"`);
  // Over plain http an on-path attacker could answer `200 {"accepted": N}` and make the agent
  // delete the batch unsent; only this host's own loopback is safe from that.
  if (u.protocol === "http:" && !isLoopbackHost(u.hostname)) {
    throw new BadValue(`http:// is allowed only for loopback (127.0.0.0/8, localhost, [::1]); use https:// for "${u.hostname}"`);
  }
  return v.replace(/\/+$/, "");
}

/** A URL hostname (WHATWG-normalised: IPv4 dotted, IPv6 bracketed) that names this host. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === "localhost" || h === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

const MAX_UID = 4294967294; // 4294967295 is audit's "unset"

/** `1-499, 1000, postgres, backup` — uids, inclusive uid ranges, and account names. */
export function parseWatchedAccounts(v: string): WatchedAccounts {
  const uids: [number, number][] = [];
  const names: string[] = [];
  for (const item of v.split(/[\s,]+/).filter(Boolean)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (range) {
      const lo = Number(range[1]);
      const hi = range[2] === undefined ? lo : Number(range[2]);
      if (hi < lo || hi > MAX_UID) throw new BadValue(`bad uid range "${item}"`);
      uids.push([lo, hi]);
    } else if (/^[a-z_][a-z0-9_.-]*\$?$/i.test(item)) {
      names.push(item);
    } else {
      throw new BadValue(`"${item}" is neither a uid, a uid range (1-499) nor an account name`);
    }
  }
  return { uids, names };
}

const SEVERITIES: readonly string[] = ["info", "low", "medium", "high"];

function keyRule(v: string, line: number): KeyRule {
  const m = /^(\S+)\s+(\S+)\s+(.+)$/.exec(v);
  if (!m) throw new BadValue(`expected "<audit key> <severity> <classification text>", got "${v}"`);
  const severity = m[2].toLowerCase();
  if (!SEVERITIES.includes(severity)) {
    throw new BadValue(`severity must be one of ${SEVERITIES.join(", ")}, got "${m[2]}"`);
  }
  return { key: m[1], severity: severity as Severity, text: m[3].trim(), line };
}

function ruleIds(v: string): string[] {
  const ids = v.split(/[\s,]+/).filter(Boolean);
  if (ids.length === 0) throw new BadValue("expected a rule id");
  for (const id of ids) {
    if (!RULE_IDS.has(id)) throw new BadValue(`unknown rule id "${id}" (known: ${[...RULE_IDS].join(", ")})`);
  }
  return ids;
}

const set = <K extends keyof AgentConfig>(key: K, conv: (v: string) => AgentConfig[K]): Setter =>
  (v, cfg) => {
    cfg[key] = conv(v) as Mutable<AgentConfig>[K];
  };

const SETTERS: Record<string, Setter> = {
  server: set("server", url),
  client_id: set("client_id", text),
  analyzer_id: set("analyzer_id", text),
  analyzer_name: set("analyzer_name", text),
  key_file: set("key_file", path),
  spool_dir: set("spool_dir", path),
  spool_max_bytes: set("spool_max_bytes", byteSize(4096)),
  overflow_action: set("overflow_action", oneOf("drop_oldest", "drop_newest")),
  heartbeat_interval: set("heartbeat_interval", integer(1, 86400)),
  batch_max_messages: set("batch_max_messages", integer(1, 10000)),
  batch_max_bytes: set("batch_max_bytes", byteSize(1024)),
  batch_linger_ms: set("batch_linger_ms", integer(0, 600_000)),
  event_timeout_ms: set("event_timeout_ms", integer(1, 600_000)),
  max_in_flight: set("max_in_flight", integer(1, 1_000_000)),
  mode: set("mode", oneOf("alerts", "all")),
  watched_accounts: set("watched_accounts", parseWatchedAccounts),
  include_raw: set("include_raw", boolean),
  tls_ca_file: set("tls_ca_file", path),
  shutdown_timeout_ms: set("shutdown_timeout_ms", integer(0, 600_000)),
  retry_max_delay_ms: set("retry_max_delay_ms", integer(100, 86_400_000)),
  node_name: set("node_name", text),
  key_rule: (v, cfg, line) => {
    const rule = keyRule(v, line);
    const prev = cfg.key_rules.find((r) => r.key === rule.key);
    if (prev) throw new BadValue(`a key_rule for "${rule.key}" is already on line ${prev.line}`);
    cfg.key_rules = [...cfg.key_rules, rule];
  },
  disable_rule: (v, _cfg, _line, st) => {
    for (const id of ruleIds(v)) st.disabled.add(id);
  },
  enable_rule: (v, _cfg, _line, st) => {
    for (const id of ruleIds(v)) st.enabled.add(id);
  },
};

const REPEATABLE = new Set(["key_rule", "disable_rule", "enable_rule"]);

/** Strips one pair of matching quotes, as audit's plugin configs allow. */
function unquote(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

/**
 * Parses agent.conf text. Throws ConfigError listing every bad line as `file:line: problem`.
 * `disable_rule = <id>[, <id>...]` switches rules off; `enable_rule` switches on the ones that
 * are off by default (the TTY keylogger rule).
 */
export function parseConfig(textIn: string, fileName = "agent.conf"): AgentConfig {
  const cfg: Mutable<AgentConfig> = { ...DEFAULT_CONFIG };
  const st: ParseState = { enabled: new Set(), disabled: new Set() };
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const lines = textIn.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i].trim();
    if (raw === "" || raw.startsWith("#")) continue;
    const eq = raw.indexOf("=");
    if (eq < 0) {
      problems.push(`${fileName}:${lineNo}: expected "key = value", got "${raw}"`);
      continue;
    }
    const key = raw.slice(0, eq).trim();
    // A `#` after whitespace starts a comment, except in key_rule text where it may be meant.
    let value = raw.slice(eq + 1);
    if (key !== "key_rule") value = value.replace(/\s+#.*$/, "");
    value = unquote(value.trim());
    const setter = SETTERS[key];
    if (!setter) {
      problems.push(`${fileName}:${lineNo}: unknown key "${key}"`);
      continue;
    }
    if (!REPEATABLE.has(key)) {
      const prev = seen.get(key);
      if (prev !== undefined) {
        problems.push(`${fileName}:${lineNo}: "${key}" is already set on line ${prev}`);
        continue;
      }
      seen.set(key, lineNo);
    }
    try {
      setter(value, cfg, lineNo, st);
    } catch (e) {
      if (!(e instanceof BadValue)) throw e;
      problems.push(`${fileName}:${lineNo}: ${key}: ${e.message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(fileName, problems);
  const disabled = new Set([...DEFAULT_OFF_RULES].filter((id) => !st.enabled.has(id)));
  for (const id of st.disabled) disabled.add(id);
  cfg.disabled_rules = disabled;
  return Object.freeze(cfg);
}

/** Reads and parses a config file (the I/O edge). */
export function loadConfig(filePath: string): AgentConfig {
  let textIn: string;
  try {
    textIn = readFileSync(filePath, "utf8");
  } catch (e) {
    throw new ConfigError(filePath, [`${filePath}: cannot read: ${(e as Error).message}`]);
  }
  return parseConfig(textIn, filePath);
}
