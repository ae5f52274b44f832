/**
 * Account and group management (shadow-utils, PAM chauthtok) and privilege use (sudo, roles).
 */
import type { Severity, Target, UserId } from "../../../schema/idmef.ts";
import type { AuditRecord } from "../types.ts";
import type { Hit } from "../idmef/build.ts";
import { clean, idNumber, opText, present } from "../idmef/parts.ts";
import type { EventView } from "./context.ts";
import type { RuleTable } from "./types.ts";

const ACCOUNT_KINDS: Record<string, [rule: string, text: string, severity: Severity, group: boolean]> = {
  ADD_USER: ["account-created", "Account Created", "medium", false],
  DEL_USER: ["account-deleted", "Account Deleted", "medium", false],
  USER_MGMT: ["account-modified", "Account Modified", "low", false],
  CHUSER_ID: ["account-modified", "Account Modified", "low", false],
  USER_CHAUTHTOK: ["password-changed", "Password Changed", "low", false],
  ADD_GROUP: ["group-created", "Group Created", "low", true],
  DEL_GROUP: ["group-deleted", "Group Deleted", "low", true],
  GRP_MGMT: ["group-modified", "Group Modified", "low", true],
  CHGRP_ID: ["group-modified", "Group Modified", "low", true],
  GRP_CHAUTHTOK: ["group-modified", "Group Password Changed", "low", true],
};

/** The account or group changed: `acct=` (name, or the group name for groups) and `id=`. */
function subject(r: AuditRecord, group: boolean): UserId | undefined {
  const u: { type: UserId["type"]; name?: string; number?: number } = { type: group ? "group-privs" : "target-user" };
  const acct = r.get("acct") ?? (group ? r.get("grp") : undefined);
  if (present(acct)) u.name = clean(acct);
  const id = idNumber(r.get("id"));
  if (id !== undefined) u.number = id;
  return u.name !== undefined || u.number !== undefined ? (u as UserId) : undefined;
}

/**
 * One alert per account/group record. USER_CHAUTHTOK is also written by usermod/chage for
 * changes other than a password (group membership, shell, ageing): those are "Account Modified".
 */
function accountChange(r: AuditRecord, v: EventView): Hit {
  let [rule, text, severity, group] = ACCOUNT_KINDS[r.type];
  const op = opText(r);
  if (r.type === "USER_CHAUTHTOK" && present(op) && !/chauthtok|password|passwd$/i.test(op)) {
    rule = "account-modified";
    text = "Account Modified";
  }
  const who = subject(r, group);
  if (who?.number === 0 || who?.name === "root") severity = "high";
  const target: { node: Target["node"]; user?: Target["user"] } = { node: v.node() };
  if (who) target.user = { category: "application", user_id: [who] };
  const completion = v.completion(r);
  return {
    rule,
    text,
    severity,
    type: "admin",
    ...(completion ? { completion } : {}),
    ...(present(op) ? { description: clean(op) } : {}),
    source: [v.actor(r)],
    target: [target],
  };
}

/** A command run through sudo: info, low when it was refused. */
function privilegedCommand(r: AuditRecord, v: EventView): Hit {
  const completion = v.completion(r);
  const cmd = r.get("cmd");
  const source = v.actor(r);
  const target: { node: Target["node"]; user?: Target["user"]; process?: Target["process"] } = { node: v.node() };
  // sudo logs uid= as the invoking user; the command runs as the target of the rule (often root).
  if (present(cmd)) {
    const cwd = r.get("cwd");
    target.process = { name: clean(cmd.split(" ")[0]), arg: cmd.split(" ").filter(Boolean).map((a) => clean(a)) };
    if (present(cwd)) target.process.env = [clean(`PWD=${cwd}`)];
  }
  return {
    rule: "privileged-command",
    text: "Privileged Command",
    severity: completion === "failed" ? "low" : "info",
    type: "admin",
    ...(completion ? { completion } : {}),
    source: [source],
    target: [target],
    ...(present(cmd) ? { data: [{ meaning: "Command", type: "string" as const, data: clean(cmd) }] } : {}),
  };
}

/** An SELinux role/context change at login (USER_ROLE_CHANGE). */
function roleChange(r: AuditRecord, v: EventView): Hit {
  const completion = v.completion(r);
  const selected = r.get("selected-context");
  return {
    rule: "role-change",
    text: "Role Changed",
    severity: completion === "failed" ? "low" : "info",
    type: "admin",
    ...(completion ? { completion } : {}),
    ...(present(selected) ? { description: clean(`selected-context=${selected}`) } : {}),
    source: [v.actor(r)],
    target: [v.nodeTarget(false)],
  };
}

export const ACCOUNT_RULES: RuleTable = [
  [Object.keys(ACCOUNT_KINDS), accountChange],
  [["USER_CMD"], privilegedCommand],
  [["USER_ROLE_CHANGE"], roleChange],
];
