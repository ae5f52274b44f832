/**
 * Rules driven by audit rule keys (`-k`): audisp-prelude's `ids-<kind>-<severity>` keys and the
 * operator's `key_rule` lines; plus the TTY keylogger rule.
 */
import type { ImpactType, Severity } from "../../../schema/idmef.ts";
import type { AuditRecord } from "../types.ts";
import type { AgentConfig, KeyRule } from "../config.ts";
import type { Hit } from "../idmef/build.ts";
import { clean, idNumber, present } from "../idmef/parts.ts";
import type { EventView } from "./context.ts";

const IDS_KINDS: Record<string, [rule: string, text: string]> = {
  sys: ["ids-sys", "Watched Syscall"],
  file: ["ids-file", "Watched File"],
  exec: ["ids-exec", "Watched Executable"],
  mkexe: ["ids-mkexe", "Executable Created"],
};

/** `ids-<kind>-<sev>`: kind sys|file|exec|mkexe, severity by prefix inf|low|med|hi (any case). */
export function parseIdsKey(key: string): { kind: string; severity: Severity } | null {
  if (key.length < 9 || !/^ids-/i.test(key)) return null;
  const m = /^ids-(sys|file|exec|mkexe)-([a-z]+)$/i.exec(key);
  if (!m) return null;
  const sev = m[2].toLowerCase();
  const severity: Severity | null = sev.startsWith("inf")
    ? "info"
    : sev.startsWith("low")
      ? "low"
      : sev.startsWith("med")
        ? "medium"
        : sev.startsWith("hi")
          ? "high"
          : null;
  return severity ? { kind: m[1].toLowerCase(), severity } : null;
}

function impactFor(kind: string, sys: AuditRecord | undefined): ImpactType {
  if (kind === "file" || kind === "mkexe") return "file";
  if (kind === "exec") return sys?.get("auid") === "0" ? "admin" : "user";
  return "other";
}

/** Alerts for the event's ids-* keys: at most one per kind (= per rule). */
export function idsKeyHits(v: EventView, keys: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    const k = parseIdsKey(key);
    if (!k || seen.has(k.kind)) continue;
    seen.add(k.kind);
    const [rule, text] = IDS_KINDS[k.kind];
    const sys = v.syscall();
    const primary = sys ?? v.records[0];
    const data: NonNullable<Hit["data"]> = [];
    if (k.kind === "sys" && sys) {
      const exit = sys.get("exit");
      if (exit !== undefined && /^-?\d+$/.test(exit)) data.push({ meaning: "Syscall exit code", type: "integer", data: Number(exit) });
    }
    if (k.kind === "exec") {
      const args = v.execArgs();
      if (args.length > 0) data.push({ meaning: "Execve args", type: "string", data: clean(args.join(" ")) });
    }
    const completion = v.completion(primary);
    hits.push({
      rule,
      text,
      severity: k.severity,
      type: impactFor(k.kind, sys),
      ...(completion ? { completion } : {}),
      source: [v.actor(primary, k.kind === "exec")],
      target: [v.nodeTarget(true)],
      ...(data.length > 0 ? { data } : {}),
    });
  }
  return hits;
}

/** Operator rules: `key_rule = <key> <severity> <text>`, one alert per matching configured key. */
export function keyRuleHits(v: EventView, keys: readonly string[], rules: ReadonlyMap<string, KeyRule>): Hit[] {
  const hits: Hit[] = [];
  for (const key of keys) {
    const kr = rules.get(key);
    if (!kr) continue;
    const primary = v.syscall() ?? v.records[0];
    const completion = v.completion(primary);
    const withArgs = v.first("EXECVE") !== undefined;
    hits.push({
      rule: `key-rule:${kr.key}`,
      text: kr.text,
      severity: kr.severity,
      type: v.file() ? "file" : "other",
      ...(completion ? { completion } : {}),
      source: [v.actor(primary, withArgs)],
      target: [v.nodeTarget(true)],
    });
  }
  return hits;
}

/** TTY input (pam_tty_audit): "Keylogger", off by default. Completion is set when the record has one. */
export function keylogger(r: AuditRecord, v: EventView, _config: AgentConfig): Hit {
  const completion = v.completion(r);
  const data = r.get("data");
  return {
    rule: "tty-keylogger",
    text: "Keylogger",
    severity: "low",
    type: idNumber(r.get("auid")) === 0 ? "admin" : "user",
    ...(completion ? { completion } : {}),
    source: [v.actor(r)],
    ...(present(data) ? { data: [{ meaning: "Keystrokes", type: "string" as const, data: clean(data) }] } : {}),
  };
}
