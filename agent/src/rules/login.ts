/**
 * Logins and authentication: audisp-prelude's login family (Login, Watched Account Login, the
 * ANOM_LOGIN_* maxima) and, beyond it, failed logins and failed authentication/authorization.
 */
import type { ImpactType, Severity, Source, Target } from "../../../schema/idmef.ts";
import type { AuditRecord } from "../types.ts";
import type { AgentConfig, WatchedAccounts } from "../config.ts";
import type { Hit } from "../idmef/build.ts";
import { clean, completionOf, idNumber, opText, present, processOf, remoteNode, ttyOf, userIdFrom } from "../idmef/parts.ts";
import type { EventView } from "./context.ts";
import type { RuleTable } from "./types.ts";

/** The account a login/auth record is about: `acct=` name and a uid (`id=`, else a set auid on success). */
function account(r: AuditRecord): { name?: string; number?: number } {
  const a: { name?: string; number?: number } = {};
  const acct = r.get("acct");
  if (present(acct)) a.name = acct;
  const id = idNumber(r.get("id")) ?? (r.get("res") === "success" ? idNumber(r.get("auid")) : undefined);
  if (id !== undefined) a.number = id;
  return a;
}

function isRootAccount(a: { name?: string; number?: number }): boolean {
  return a.number === 0 || a.name === "root";
}

export function isWatched(w: WatchedAccounts, a: { name?: string; number?: number }): boolean {
  if (a.name !== undefined && w.names.includes(a.name)) return true;
  if (a.number !== undefined) {
    for (const [lo, hi] of w.uids) if (a.number >= lo && a.number <= hi) return true;
  }
  return false;
}

/** Source and target of a login-type record, as audisp-prelude built them. */
function loginParties(r: AuditRecord, v: EventView): { source: Source[]; target: Target[] } {
  // The source: where the attempt came from, and who made it when audit knows (auid, e.g. su).
  const source: Source[] = [];
  const remote = remoteNode(r);
  // On a successful login auid is already the new session's user: only an attempt has a separate actor.
  const actor = failed(r) || r.type !== "USER_LOGIN" ? userIdFrom(r, "auid", "original-user") : undefined;
  if (remote || actor) {
    source.push({
      ...(remote ? { node: remote } : {}),
      ...(actor ? { user: { category: "unknown" as const, user_id: [actor] } } : {}),
    });
  }
  const a = account(r);
  const uid: { type: "target-user"; name?: string; number?: number; tty?: string } = { type: "target-user" };
  if (a.name !== undefined) uid.name = clean(a.name);
  if (a.number !== undefined) uid.number = a.number;
  const tty = ttyOf(r);
  if (tty !== undefined) uid.tty = clean(tty);
  const target: { node: Target["node"]; user?: Target["user"]; process?: Target["process"] } = { node: v.node() };
  if (uid.name !== undefined || uid.number !== undefined || uid.tty !== undefined) {
    target.user = { category: "application", user_id: [uid] };
  }
  const proc = processOf(r);
  if (proc) target.process = proc;
  return { source, target: [target] };
}

function impactType(r: AuditRecord): ImpactType {
  return r.get("auid") === "0" || isRootAccount(account(r)) ? "admin" : "user";
}

function loginHit(rule: string, text: string, severity: Severity, r: AuditRecord, v: EventView): Hit {
  return { rule, text, severity, type: impactType(r), completion: v.completion(r), ...loginParties(r, v) };
}

const failed = (r: AuditRecord): boolean => completionOf(r.get("res")) === "failed";

/** Successful login (audisp-prelude "Login"). */
function login(r: AuditRecord, v: EventView): Hit | null {
  if (failed(r)) return null;
  return loginHit("login", "Login", "info", r, v);
}

/** Login (or attempt) to a watched account, e.g. a system account (uids 1-499 by default). */
function watchedLogin(r: AuditRecord, v: EventView, config: AgentConfig): Hit | null {
  if (!isWatched(config.watched_accounts, account(r))) return null;
  return loginHit("login-watched", "Watched Account Login", "medium", r, v);
}

/** Failed login: low, medium for root. */
function loginFailure(r: AuditRecord, v: EventView): Hit | null {
  if (!failed(r)) return null;
  return loginHit("login-failed", "Login Failure", isRootAccount(account(r)) ? "medium" : "low", r, v);
}

/** Failed PAM authentication (USER_AUTH) or account check (USER_ACCT). */
function authFailure(r: AuditRecord, v: EventView): Hit | null {
  if (!failed(r)) return null;
  const hit = loginHit("auth-failed", "Authentication Failure", isRootAccount(account(r)) ? "medium" : "low", r, v);
  const op = opText(r);
  return op !== undefined ? { ...hit, description: clean(op) } : hit;
}

const LOGIN_ANOMALIES: Record<string, [rule: string, text: string, severity: Severity]> = {
  ANOM_LOGIN_FAILURES: ["login-max-failures", "Max Failed Logins", "low"],
  ANOM_LOGIN_SESSIONS: ["login-max-sessions", "Max Concurrent Sessions", "info"],
  ANOM_LOGIN_LOCATION: ["login-location", "Login From Forbidden Location", "medium"],
  ANOM_LOGIN_TIME: ["login-time", "Login During Forbidden Time", "low"],
};

function loginAnomaly(r: AuditRecord, v: EventView): Hit | null {
  const [rule, text, severity] = LOGIN_ANOMALIES[r.type];
  return loginHit(rule, text, severity, r, v);
}

/**
 * Failed group authentication (newgrp/sg): low, or medium and admin when the group is root (0)
 * or wheel (10).
 */
function groupAuthFailure(r: AuditRecord, v: EventView): Hit | null {
  if (!failed(r)) return null;
  // newgrp writes `op=authentication new-gid=N`; older tools new_gid=.
  const gid = idNumber(r.get("new-gid") ?? r.get("new_gid"));
  const privileged = gid === 0 || gid === 10;
  const group: { type: "group-privs"; name?: string; number?: number } = { type: "group-privs" };
  const grp = r.get("grp") ?? r.get("acct");
  if (present(grp)) group.name = clean(grp);
  if (gid !== undefined) group.number = gid;
  const target: Target = { node: v.node(), user: { category: "application", user_id: [group] } };
  return {
    rule: "grp-auth-failed",
    text: "Group Authentication Failure",
    severity: privileged ? "medium" : "low",
    type: privileged ? "admin" : "user",
    completion: "failed",
    source: [v.actor(r)],
    target: [target],
  };
}

export const LOGIN_RULES: RuleTable = [
  [["USER_LOGIN"], login],
  [["USER_LOGIN"], watchedLogin],
  [["USER_LOGIN"], loginFailure],
  [["USER_AUTH", "USER_ACCT"], authFailure],
  [Object.keys(LOGIN_ANOMALIES), loginAnomaly],
  [["GRP_AUTH"], groupAuthFailure],
];
