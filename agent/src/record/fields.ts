import { decodeHex, isHex } from "./hex.ts";

/**
 * Field scanning for the body of one record (everything after `audit(...): `), by charCode
 * scanning — no regular expressions, no splitting of the whole line.
 *
 * Value forms auditd writes:
 *   name="text"          quoted: a trusted string, taken literally
 *   name=2F746D70        unquoted hex: an untrusted string auditd hex-encoded (decoded when the
 *                        field is one auditd encodes, see HEX_FIELDS)
 *   name=value           anything else, kept as written, including `(null)` and `?`
 *   msg='k=v k=v ...'    user-space payload: its fields are flattened into the record
 *   name={ a=b c=d }     ENRICHED SADDR interpretation: kept whole, braces included
 * Bare words (SELinux `avc:  denied  { read write } for ...`) are folded into `seresult` and
 * `seperms` as libauparse does; other bare words are skipped.
 *
 * When a name repeats, the first occurrence wins (auditd never repeats a name within a record; the
 * flattened msg payload never shadows an outer field).
 */

/** Fields auditd (and user-space audit_log_untrustedstring) may hex-encode (libauparse typetab.h). */
const HEX_FIELDS = new Set([
  "path", "comm", "exe", "file", "name", "watch", "cwd", "cmd", "acct", "dir", "key", "vm",
  "old-chardev", "new-chardev", "old-disk", "new-disk", "old-fs", "new-fs", "old-net", "new-net",
  "device", "cgroup", "apparmor", "operation", "denied_mask", "info", "profile", "requested_mask",
  "old-rng", "new-rng", "ocomm", "proctitle", "grp", "new_group", "invalid_context", "sw",
  "root_dir", "data",
]);

const SPACE = 32;
const DQUOTE = 34;
const SQUOTE = 39;
const EQUALS = 61;
const LBRACE = 123;
const RBRACE = 125;

/** (length, first character) pairs of HEX_FIELDS: most names are turned away without hashing. */
const HEX_FILTER = new Uint8Array(32 * 128);
for (const name of HEX_FIELDS) HEX_FILTER[name.length * 128 + name.charCodeAt(0)] = 1;

/** Whether a field's unquoted hex value is an encoded byte string. */
export function isEncodedField(name: string, execve: boolean): boolean {
  const len = name.length;
  const c0 = name.charCodeAt(0);
  if (len < 32 && c0 < 128 && HEX_FILTER[len * 128 + c0] === 1 && HEX_FIELDS.has(name)) return true;
  // EXECVE arguments: a0, a1, ... and the pieces of a split one, a1[0], a1[1], ...
  return execve && name.charCodeAt(0) === 97 && name.charCodeAt(1) >= 48 && name.charCodeAt(1) <= 57 && !name.endsWith("_len");
}

/**
 * Scan fields in line[start, end) into `out`. With `decode`, hex-encoded values are decoded and
 * quotes dropped; without it values are returned exactly as written (quotes kept), which is what
 * EXECVE argument joining needs.
 */
export function scanFields(line: string, start: number, end: number, out: FieldList, decode: boolean, execve: boolean): void {
  // JSON needs escapes only for '"', '\\' and control characters. The line reader and parser let
  // no control characters through but tab and GS (\x1d); with none of backslash, tab and GS in the
  // range, only a '"' inside an unquoted name or value, or a decoded byte string, can need one.
  const bs = line.indexOf("\\", start);
  const tab = line.indexOf("\t", start);
  const gs = line.indexOf("\x1d", start); // in the ENRICHED part: a second separator
  const plainBody = (bs < 0 || bs >= end) && (tab < 0 || tab >= end) && (gs < 0 || gs >= end);
  let i = start;
  let nextQuote = -1; // position of the next '"' at or after the last value start (Infinity: none)
  let perms: string[] | null = null;
  while (i < end) {
    while (i < end && line.charCodeAt(i) === SPACE) i++;
    if (i >= end) break;
    // name: up to '=' or a space
    const nameStart = i;
    let quoteInName = false;
    let hash = 0;
    while (i < end) {
      const c = line.charCodeAt(i);
      if (c === EQUALS || c === SPACE) break;
      if (c === DQUOTE) quoteInName = true;
      hash = (hash * 31 + c) | 0;
      i++;
    }
    if (i >= end || line.charCodeAt(i) === SPACE) {
      // A bare word (SELinux AVC text). `{ read write }` lists permissions.
      const word = line.slice(nameStart, i);
      if (perms !== null) {
        if (word === "}") {
          setOnce(out, "seperms", perms.join(","), plainBody);
          perms = null;
        } else perms.push(word);
      } else if (word === "{") perms = [];
      else if (word === "denied" || word === "granted") setOnce(out, "seresult", word, true);
      continue;
    }
    const name = internName(line, nameStart, i, hash);
    i++; // '='
    if (i >= end) {
      if (name.length > 0) setOnce(out, name, "", plainBody && !quoteInName);
      break;
    }
    const first = line.charCodeAt(i);
    let value: string;
    let plain = plainBody && !quoteInName;
    if (first === DQUOTE) {
      let close = line.indexOf('"', i + 1);
      if (close < 0 || close >= end) close = end; // truncated: take the rest
      value = decode ? line.slice(i + 1, close) : line.slice(i, Math.min(close + 1, end));
      if (!decode) plain = false;
      i = close + 1;
    } else if (first === SQUOTE) {
      let close = line.indexOf("'", i + 1);
      if (close < 0 || close >= end) close = end;
      if (name === "msg") {
        scanFields(line, i + 1, close, out, decode, execve);
        i = close + 1;
        continue;
      }
      value = line.slice(i + 1, close);
      plain = plain && value.indexOf('"') < 0;
      i = close + 1;
    } else if (first === LBRACE) {
      let close = line.indexOf("}", i + 1);
      if (close < 0 || close >= end) close = end - 1;
      value = line.slice(i, close + 1);
      plain = plain && value.indexOf('"') < 0;
      i = close + 1;
    } else {
      // Native searches: the next space ends the value; the next '"' (found once, reused until
      // passed) tells whether one hides inside it.
      const valueStart = i;
      i = line.indexOf(" ", i);
      if (i < 0 || i > end) i = end;
      if (nextQuote < valueStart) {
        nextQuote = line.indexOf('"', valueStart);
        if (nextQuote < 0) nextQuote = Infinity;
      }
      const quoteInValue = nextQuote < i;
      value = line.slice(valueStart, i);
      if (decode && !quoteInValue && (value.length & 1) === 0 && isEncodedField(name, execve) && isHex(value)) {
        value = decodeHex(value);
        plain = plain && !NEEDS_JSON_ESCAPE.test(value);
      } else plain = plain && !quoteInValue;
    }
    if (name.length > 0) setOnce(out, name, value, plain);
  }
}

/**
 * Field names repeat endlessly (arch, syscall, pid, ...). Reusing one string object per name
 * saves an allocation per field, and V8 keeps a string's hash inside it, so the set and map
 * lookups keyed by name (encoded fields, JSON keys) hash each name once instead of per record.
 */
const NAME_CACHE_SIZE = 4096;
const NAME_CACHE: string[] = new Array<string>(NAME_CACHE_SIZE).fill("");

function internName(line: string, start: number, end: number, hash: number): string {
  const len = end - start;
  const slot = (hash ^ (len << 7)) & (NAME_CACHE_SIZE - 1);
  const cached = NAME_CACHE[slot];
  if (cached.length === len && line.startsWith(cached, start)) return cached;
  const name = line.slice(start, end);
  if (len <= 64) NAME_CACHE[slot] = name;
  return name;
}

/** JSON object keys per name: `{"name":"`, `,"name":"` and `","name":"` (after an open value). */
const JSON_KEYS = new Map<string, [string, string, string]>();

function jsonKeys(name: string): [string, string, string] {
  let keys = JSON_KEYS.get(name);
  if (keys === undefined) {
    keys = [`{"${name}":"`, `,"${name}":"`, `","${name}":"`];
    if (JSON_KEYS.size >= NAME_CACHE_SIZE) JSON_KEYS.clear(); // bounded whatever the input
    JSON_KEYS.set(name, keys);
  }
  return keys;
}

const NEEDS_JSON_ESCAPE = /["\\\x00-\x1f\ud800-\udfff]/;

function setOnce(out: FieldList, name: string, value: string, plain: boolean): void {
  // A 32-bit sketch of (length, last character) seen so far: the linear duplicate check runs
  // only when the sketch says this name might already be there (rare: auditd does not repeat).
  const bit = 1 << ((name.length * 7 + name.charCodeAt(name.length - 1)) & 31);
  if ((out.seen & bit) !== 0 && out.names.indexOf(name) >= 0) return;
  out.seen |= bit;
  out.names.push(name);
  out.values.push(value);
  out.plain.push(plain);
}

/**
 * Fields in order as two parallel arrays: cheaper to build than an object with varying keys (no
 * hidden-class churn), and a record has few enough fields that lookup by linear scan is fast.
 */
export interface FieldList {
  names: string[];
  values: string[];
  /** Per field: name and value go into JSON between quotes as they are (no escaping needed). */
  plain: boolean[];
  /** Sketch of the names present (see setOnce). */
  seen: number;
}

export function emptyFieldList(): FieldList {
  return { names: [], values: [], plain: [], seen: 0 };
}

/** The field list as a plain object (name → value), `__proto__` kept as an own property. */
export function fieldObject(list: FieldList): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < list.names.length; i++) {
    const name = list.names[i];
    if (name === "__proto__") Object.defineProperty(out, name, { value: list.values[i], enumerable: true, writable: true, configurable: true });
    else out[name] = list.values[i];
  }
  return out;
}

/** The field list as a JSON object text, same content as JSON.stringify(fieldObject(list)). */
export function fieldJson(list: FieldList): string {
  const parts: string[] = [];
  appendFieldJson(parts, list);
  return parts.join("");
}

/**
 * Append the JSON object text in pieces (joined once per output batch). Two pieces per plain field
 * — `,"name":"` and the value — because joining costs per piece, not per character.
 */
export function appendFieldJson(parts: string[], list: FieldList): void {
  const { names, values, plain } = list;
  const n = names.length;
  if (n === 0) {
    parts.push("{}");
    return;
  }
  let open = false; // inside a plain value's quotes, left open for the next piece to close
  for (let i = 0; i < n; i++) {
    if (plain[i]) {
      parts.push(jsonKeys(names[i])[i === 0 ? 0 : open ? 2 : 1], values[i]);
      open = true;
    } else {
      const lead = i === 0 ? "{" : open ? '",' : ",";
      parts.push(lead + JSON.stringify(names[i]) + ":" + JSON.stringify(values[i]));
      open = false;
    }
  }
  parts.push(open ? '"}' : "}");
}
