/**
 * One event as the rules see it: the records plus lazily computed facts shared by rules
 * (the SYSCALL record, keys, cwd, target file, exec args, common users and nodes).
 * Nothing is computed for an event no rule asks about.
 */
import type { Completion, IdmefFile, IdmefNode, Source, Target, UserId } from "../../../schema/idmef.ts";
import type { AuditEvent, AuditRecord } from "../types.ts";
import { execveArgs } from "../record/index.ts";
import { syscallKey } from "./fast-fields.ts";
import {
  completionOf,
  fileOf,
  joinPath,
  nodeOf,
  present,
  processOf,
  ttyOf,
  userIdFrom,
} from "../idmef/parts.ts";

/**
 * The event's key text as audit wrote it (several keys joined by \x01), or undefined when it has
 * none. Cheap: used on every event before anything else is computed.
 */
export function eventKeyText(event: AuditEvent, sys?: AuditRecord): string | undefined {
  let key: string | undefined;
  if (sys === undefined) {
    for (const r of event.records) {
      if (r.type === "SYSCALL") {
        sys = r;
        break;
      }
    }
  }
  if (sys !== undefined) key = syscallKey(sys);
  else {
    for (const r of event.records) {
      // CONFIG_CHANGE's key is the key of the audit rule being changed, not one that fired.
      if (r.type === "CONFIG_CHANGE" || !r.line.includes(" key=")) continue;
      key = r.get("key");
      if (key !== undefined) break;
    }
  }
  return present(key) ? key : undefined;
}

export class EventView {
  readonly event: AuditEvent;
  readonly hostNode: string;
  private _syscall: AuditRecord | null | undefined;
  private _keys: string[] | undefined;
  private _args: string[] | undefined;

  constructor(event: AuditEvent, hostNode: string) {
    this.event = event;
    this.hostNode = hostNode;
  }

  get records(): readonly AuditRecord[] {
    return this.event.records;
  }

  first(type: string): AuditRecord | undefined {
    for (const r of this.event.records) if (r.type === type) return r;
    return undefined;
  }

  /** The event's SYSCALL record, if any. */
  syscall(): AuditRecord | undefined {
    if (this._syscall === undefined) this._syscall = this.first("SYSCALL") ?? null;
    return this._syscall ?? undefined;
  }

  /**
   * The event's audit keys: from the SYSCALL record, else from any record with a `key=` (not
   * CONFIG_CHANGE). Several keys on one rule arrive joined by \x01.
   */
  keys(): string[] {
    if (this._keys === undefined) {
      const key = eventKeyText(this.event, this.syscall());
      this._keys = key === undefined ? [] : key.indexOf("\x01") < 0 ? [key] : key.split("\x01").filter((k) => k !== "");
    }
    return this._keys;
  }

  /** Arguments of an exec event (EXECVE records), else []. */
  execArgs(): string[] {
    if (this._args === undefined) this._args = this.first("EXECVE") ? execveArgs(this.event.records) : [];
    return this._args;
  }

  /** Completion of the event: the first `res=` in its records, else the SYSCALL's `success=`. */
  completion(primary?: AuditRecord): Completion | undefined {
    const own = primary?.get("res");
    if (own !== undefined) return completionOf(own);
    for (const r of this.event.records) {
      const res = r.get("res");
      if (res !== undefined) return completionOf(res);
    }
    return completionOf(this.syscall()?.get("success"));
  }

  /** The audited host: the `node=` prefix, else this host's name. */
  node(): IdmefNode {
    return nodeOf(this.event.node ?? this.hostNode);
  }

  cwd(): string | undefined {
    const c = this.first("CWD")?.get("cwd");
    return present(c) ? c : undefined;
  }

  /**
   * The file an event is about: the first PATH that is not the PARENT directory entry, resolved
   * against CWD; else an AVC `path=`/`name=`.
   */
  file(): IdmefFile | undefined {
    let chosen: string | undefined;
    for (const r of this.event.records) {
      if (r.type !== "PATH") continue;
      const name = r.get("name");
      if (!present(name)) continue;
      if (chosen === undefined) chosen = name;
      if (r.get("nametype") !== "PARENT") {
        chosen = name;
        break;
      }
    }
    if (chosen !== undefined) return fileOf(joinPath(this.cwd(), chosen));
    const avc = this.first("AVC");
    const p = avc?.get("path") ?? avc?.get("name");
    return present(p) ? fileOf(joinPath(this.cwd(), p)) : undefined;
  }

  /**
   * The acting user of a kernel or user-space record: original-user (auid, with tty) and
   * current-user (uid) when it differs.
   */
  actingUserIds(r: AuditRecord): UserId[] {
    const ids: UserId[] = [];
    const tty = ttyOf(r);
    const auid = userIdFrom(r, "auid", "original-user", tty);
    if (auid) ids.push(auid);
    const uid = userIdFrom(r, "uid", "current-user");
    if (uid && uid.number !== auid?.number) ids.push(uid);
    return ids;
  }

  /** Source = the acting user and the process (from `r`, else the SYSCALL record), on this node. */
  actor(r: AuditRecord, withArgs = false): Source {
    const s: { user?: Source["user"]; process?: Source["process"]; node?: IdmefNode } = {};
    const ids = this.actingUserIds(r);
    if (ids.length > 0) s.user = { category: "application", user_id: ids };
    const procRecord = r.get("pid") !== undefined ? r : this.syscall();
    const proc = processOf(procRecord, withArgs ? this.execArgs() : undefined);
    if (proc) s.process = proc;
    s.node = this.node();
    return s;
  }

  /** Target = this node, with the event's file when it has one. */
  nodeTarget(withFile: boolean): Target {
    const t: { node: IdmefNode; file?: IdmefFile[] } = { node: this.node() };
    if (withFile) {
      const f = this.file();
      if (f) t.file = [f];
    }
    return t;
  }
}
