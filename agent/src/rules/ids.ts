/**
 * Stable rule ids (also sent as additional_data `rule`). Config validation and the rules share
 * this list, so a typo in `disable_rule` is an error, not a silent no-op.
 * Operator rules (`key_rule`) get the id `key-rule:<audit key>`.
 */

/** Other ANOM_* record types (RULES.md "other anomalies"), each its own rule `anom-<name>`. */
export const OTHER_ANOMALY_TYPES = [
  "ANOM_LINK", "ANOM_CREAT", "ANOM_LOGIN_ACCT", "ANOM_MAX_DAC", "ANOM_MAX_MAC", "ANOM_AMTU_FAIL",
  "ANOM_RBAC_FAIL", "ANOM_RBAC_INTEGRITY_FAIL", "ANOM_CRYPTO_FAIL", "ANOM_ACCESS_FS", "ANOM_EXEC",
  "ANOM_MK_EXEC", "ANOM_ADD_ACCT", "ANOM_DEL_ACCT", "ANOM_MOD_ACCT", "ANOM_ROOT_TRANS",
  "ANOM_LOGIN_SERVICE", "ANOM_LOGIN_ROOT", "ANOM_ORIGIN_FAILURES", "ANOM_SESSION",
] as const;

export function anomalyRuleId(type: string): string {
  return "anom-" + type.slice("ANOM_".length).toLowerCase().replaceAll("_", "-");
}

export const BASELINE_RULE_IDS = [
  "login", "login-watched", "login-max-failures", "login-max-sessions", "login-location", "login-time",
  "avc", "avc-mmap-zero", "anom-abend", "anom-promiscuous", "mac-status", "grp-auth-failed",
  "ids-sys", "ids-file", "ids-exec", "ids-mkexe", "tty-keylogger",
] as const;

export const EXTRA_RULE_IDS = [
  "login-failed", "auth-failed",
  "account-created", "account-deleted", "account-modified", "password-changed",
  "group-created", "group-deleted", "group-modified",
  "privileged-command", "role-change",
  "audit-config", "audit-daemon-stop", "audit-daemon-abort", "audit-daemon-error",
  "kernel-module-load", "kernel-module-unload",
  "seccomp", "integrity",
  "all-events",
] as const;

export const RULE_IDS: ReadonlySet<string> = new Set<string>([
  ...BASELINE_RULE_IDS,
  ...EXTRA_RULE_IDS,
  ...OTHER_ANOMALY_TYPES.map(anomalyRuleId),
]);

/** Off unless `enable_rule` names them: the keylogger rule forwards keystrokes (as audisp-prelude did). */
export const DEFAULT_OFF_RULES: readonly string[] = ["tty-keylogger"];
