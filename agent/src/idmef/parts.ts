/**
 * Pieces of an alert taken from audit records: nodes, users, processes, files, completion.
 * Each helper reads only the fields it needs (records parse their fields lazily).
 */
import { isIP } from "node:net";
import type {
  Completion,
  IdmefFile,
  IdmefNode,
  Process,
  UserId,
  UserIdType,
} from "../../../schema/idmef.ts";
import type { AuditRecord } from "../types.ts";

/** audit's "unset" id (-1 as u32). */
const UNSET_ID = "4294967295";
const MAX_STRING = 4096;

/**
 * Strings from audit data go into alerts as printable ASCII: every other character is written as
 * `\xNN` escapes of its UTF-8 bytes (a byte that was not UTF-8, kept by the parser as a lone
 * surrogate U+DC80..U+DCFF, as that byte). Why: libprelude 5.2's JSON reader rejects every `\u`
 * escape, and standard JSON writers (the validator's, most senders') escape non-ASCII that way;
 * it also keeps terminal control sequences out of operators' consoles. Long values are cut.
 */
export function clean(s: string, max = MAX_STRING): string {
  const n = s.length > max ? max : s.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) break;
  }
  if (i === n) return n === s.length ? s : s.slice(0, n);
  let out = s.slice(0, i);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) {
      out += s[i];
    } else if (c >= 0xdc80 && c <= 0xdcff) {
      out += hexByte(c - 0xdc00);
    } else {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      for (const b of Buffer.from(String.fromCodePoint(cp), "utf8")) out += hexByte(b);
    }
  }
  return out;
}

function hexByte(b: number): string {
  return "\\x" + (b < 16 ? "0" : "") + b.toString(16);
}

/** A field that carries a value: not absent, empty, `?` or `(null)`. */
export function present(v: string | undefined): v is string {
  return v !== undefined && v !== "" && v !== "?" && v !== "(null)" && v !== "(none)";
}

/** A uid/gid/pid field as a number, or undefined when unset or not numeric. */
export function idNumber(v: string | undefined): number | undefined {
  if (v === undefined || v === UNSET_ID || v.length > 10) return undefined;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  if (v.length === 0) return undefined;
  const n = Number(v);
  return n <= 4294967295 ? n : undefined;
}

/**
 * Completion from `res=` (user-space `success`/`failed`, kernel `1`/`0`), else `success=`
 * (`yes`/`no`). The baseline took everything but yes/success as failed; the kernel writes `res=1`
 * for success, so 1 counts as succeeded too.
 */
export function completionOf(v: string | undefined): Completion | undefined {
  if (v === undefined) return undefined;
  if (v === "success" || v === "yes" || v === "1") return "succeeded";
  return "failed";
}

export function basename(p: string): string {
  const i = p.lastIndexOf("/");
  return i >= 0 && i < p.length - 1 ? p.slice(i + 1) : p;
}

/** An IDMEF node for a host name or address: numeric values become an Address. */
export function nodeOf(nameOrAddr: string): IdmefNode {
  const v = isIP(nameOrAddr);
  if (v === 4) return { address: [{ category: "ipv4-addr", address: nameOrAddr }] };
  if (v === 6) return { address: [{ category: "ipv6-addr", address: nameOrAddr }] };
  return { name: clean(nameOrAddr) };
}

/** The remote end of a user-space record (`hostname=`, `addr=`), or undefined when local/unknown. */
export function remoteNode(r: AuditRecord): IdmefNode | undefined {
  const host = r.get("hostname");
  const addr = r.get("addr");
  const node: { name?: string; address?: IdmefNode["address"] } = {};
  if (present(addr)) {
    const v = isIP(addr);
    if (v) node.address = [{ category: v === 4 ? "ipv4-addr" : "ipv6-addr", address: addr }];
  }
  if (present(host)) {
    const v = isIP(host);
    if (v) {
      if (!node.address) node.address = [{ category: v === 4 ? "ipv4-addr" : "ipv6-addr", address: host }];
    } else node.name = clean(host);
  }
  return node.name !== undefined || node.address !== undefined ? node : undefined;
}

/** A UserId from a numeric id field, with its ENRICHED name when the log has one. */
export function userIdFrom(r: AuditRecord, field: string, type: UserIdType, tty?: string): UserId | undefined {
  const number = idNumber(r.get(field));
  if (number === undefined) return undefined;
  const u: { type: UserIdType; number: number; name?: string; tty?: string } = { type, number };
  const name = r.interpreted(field);
  if (name !== undefined && present(name) && name !== "unset") u.name = clean(name);
  if (tty !== undefined) u.tty = clean(tty);
  return u;
}

/** The terminal of a record: `terminal=` (user space) or `tty=` (kernel), when it is one. */
export function ttyOf(r: AuditRecord): string | undefined {
  const t = r.get("terminal") ?? r.get("tty");
  return present(t) && t !== "none" ? t : undefined;
}

/** The process of a record: pid, name (comm, else basename of exe), path (exe), and args. */
export function processOf(r: AuditRecord | undefined, args?: string[]): Process | undefined {
  if (r === undefined) return undefined;
  const exe = r.get("exe");
  const comm = r.get("comm");
  const path = present(exe) ? clean(exe) : undefined;
  const name = present(comm) ? clean(comm) : path !== undefined ? basename(path) : undefined;
  if (name === undefined) return undefined;
  const p: { name: string; pid?: number; path?: string; arg?: string[] } = { name };
  const pid = idNumber(r.get("pid"));
  if (pid !== undefined) p.pid = pid;
  if (path !== undefined) p.path = path;
  if (args !== undefined && args.length > 0) p.arg = args.map((a) => clean(a));
  return p;
}

/** Joins a relative path to the event's cwd, as the kernel resolved it. */
export function joinPath(cwd: string | undefined, name: string): string {
  if (name.startsWith("/") || cwd === undefined || !present(cwd)) return name;
  if (name.startsWith("./")) name = name.slice(2);
  return cwd.endsWith("/") ? cwd + name : `${cwd}/${name}`;
}

export function fileOf(path: string): IdmefFile {
  const p = clean(path);
  return { name: basename(p), path: p, category: "current" };
}

/**
 * A user-space `op=` value in full. shadow-utils writes multi-word ops unquoted
 * (`op=adding user id=1003`, `op=deleting user entries id=...`), which field parsing cuts at the
 * first space; the bare words up to the next `name=` belong to it.
 */
export function opText(r: AuditRecord): string | undefined {
  const op = r.get("op");
  if (!present(op)) return undefined;
  const line = r.line;
  const at = line.indexOf("op=" + op);
  if (at < 0) return op;
  let end = at + 3 + op.length;
  while (line.charCodeAt(end) === 32) {
    let k = end + 1;
    while (k < line.length) {
      const c = line.charCodeAt(k);
      if (c === 32 || c === 39 || c === 0x1d || c === 61) break;
      k++;
    }
    if (k === end + 1 || line.charCodeAt(k) === 61) break;
    end = k;
  }
  return line.slice(at + 3, end);
}
