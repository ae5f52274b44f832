import type { AuditRecord } from "../types.ts";
import { scanFields } from "./fields.ts";
import { typeIdOf } from "./types-table.ts";

/**
 * One audit record line → AuditRecord, or null when the line is malformed.
 *
 * Accepted shape (every format auditd writes to a log or a plugin):
 *   [node=NAME ]type=TYPE msg=audit(SEC.MS:SERIAL):[ FIELDS][\x1dINTERPRETED]
 * The node, type and stamp are parsed eagerly by scanning characters; the fields are scanned only
 * when first asked for, so a record nobody looks at costs one pass of cheap checks.
 *
 * Malformed (null): no or broken stamp, type not `[A-Z0-9_]+` or `UNKNOWN[n]`, control characters
 * other than tab and the ENRICHED separator (binary), or a kernel part (from `audit(` up to the
 * ENRICHED separator) over MAX_AUDIT_MESSAGE_LENGTH bytes. The limit is applied to the part the
 * kernel's buffer bounds: auditd adds `node=`, `type=` and the ENRICHED interpretation around it, so
 * a whole legitimate line can be somewhat longer. Invalid UTF-8 is rejected by the line reader
 * (bytes are gone once a string exists).
 */

export const MAX_AUDIT_MESSAGE_LENGTH = 8970;
/** Hard cap on a whole line, whatever its parts: beyond this nothing auditd writes. */
export const MAX_LINE_LENGTH = 2 * MAX_AUDIT_MESSAGE_LENGTH + 4096;

const ENRICHED_SEPARATOR = "\x1d";
// Control characters other than tab and GS (the ENRICHED separator), and DEL: a binary line.
const BINARY = /[\x00-\x08\x0a-\x1c\x1e\x1f\x7f]/;

class ParsedRecord implements AuditRecord {
  readonly type: string;
  readonly typeId: number | null;
  readonly node: string | null;
  readonly sec: number;
  readonly ms: number;
  readonly serial: number;
  readonly line: string;
  private readonly bodyStart: number;
  private readonly bodyEnd: number;
  private decoded: Record<string, string> | undefined;
  private rawFields: Record<string, string> | undefined;
  private interp: Record<string, string> | undefined;

  constructor(
    type: string,
    typeId: number | null,
    node: string | null,
    sec: number,
    ms: number,
    serial: number,
    line: string,
    bodyStart: number,
    bodyEnd: number,
  ) {
    this.type = type;
    this.typeId = typeId;
    this.node = node;
    this.sec = sec;
    this.ms = ms;
    this.serial = serial;
    this.line = line;
    this.bodyStart = bodyStart;
    this.bodyEnd = bodyEnd;
  }

  get(name: string): string | undefined {
    const f = this.fields();
    return Object.hasOwn(f, name) ? f[name] : undefined;
  }

  fields(): Record<string, string> {
    if (this.decoded === undefined) {
      this.decoded = {};
      scanFields(this.line, this.bodyStart, this.bodyEnd, this.decoded, true, this.type === "EXECVE");
    }
    return this.decoded;
  }

  /** A field exactly as written (quotes kept, hex not decoded). Used to join split EXECVE args. */
  raw(name: string): string | undefined {
    if (this.rawFields === undefined) {
      this.rawFields = {};
      scanFields(this.line, this.bodyStart, this.bodyEnd, this.rawFields, false, this.type === "EXECVE");
    }
    return Object.hasOwn(this.rawFields, name) ? this.rawFields[name] : undefined;
  }

  interpreted(name: string): string | undefined {
    const f = this.interpretedFields();
    if (f === null) return undefined;
    if (Object.hasOwn(f, name)) return f[name];
    const upper = name.toUpperCase();
    return Object.hasOwn(f, upper) ? f[upper] : undefined;
  }

  /** The ENRICHED section as name → value (names as auditd writes them: `UID`, `SADDR`), or null. */
  interpretedFields(): Record<string, string> | null {
    if (this.bodyEnd >= this.line.length) return null;
    if (this.interp === undefined) {
      this.interp = {};
      scanFields(this.line, this.bodyEnd + 1, this.line.length, this.interp, true, false);
    }
    return this.interp;
  }
}

export type { ParsedRecord };

/** Parse one line (without its newline). Never throws; null means malformed. */
export function parseRecord(line: string): ParsedRecord | null {
  const n = line.length;
  if (n < 24 || n > MAX_LINE_LENGTH) return null;
  let p = 0;
  let node: string | null = null;
  if (line.startsWith("node=")) {
    const sp = line.indexOf(" ", 5);
    if (sp < 6) return null;
    node = line.slice(5, sp);
    p = sp + 1;
  }
  if (!line.startsWith("type=", p)) return null;
  p += 5;
  const typeStart = p;
  // Type name: A-Z 0-9 _ and the brackets of UNKNOWN[n].
  for (;;) {
    if (p >= n) return null;
    const c = line.charCodeAt(p);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 91 || c === 93) p++;
    else break;
  }
  if (p === typeStart) return null;
  const type = line.slice(typeStart, p);
  if (!line.startsWith(" msg=audit(", p)) return null;
  const stampStart = p + 5;
  p += 11;

  // SEC.MS:SERIAL):
  let sec = 0;
  let digits = 0;
  let c = line.charCodeAt(p);
  while (c >= 48 && c <= 57) {
    sec = sec * 10 + (c - 48);
    digits++;
    c = line.charCodeAt(++p);
  }
  if (digits === 0 || digits > 12 || c !== 46 /* . */) return null;
  c = line.charCodeAt(++p);
  let ms = 0;
  digits = 0;
  while (c >= 48 && c <= 57) {
    ms = ms * 10 + (c - 48);
    digits++;
    c = line.charCodeAt(++p);
  }
  if (digits === 0 || digits > 3 || c !== 58 /* : */) return null;
  c = line.charCodeAt(++p);
  let serial = 0;
  digits = 0;
  while (c >= 48 && c <= 57) {
    serial = serial * 10 + (c - 48);
    digits++;
    c = line.charCodeAt(++p);
  }
  if (digits === 0 || digits > 15 || c !== 41 /* ) */) return null;
  p++;
  if (p < n && line.charCodeAt(p) === 58 /* : */) p++;

  if (BINARY.test(line)) return null;
  let bodyEnd = line.indexOf(ENRICHED_SEPARATOR, p);
  if (bodyEnd < 0) bodyEnd = n;
  // The kernel part is ASCII unless user space wrote raw UTF-8; count bytes only when it could matter.
  const kernelPart = bodyEnd - stampStart;
  if (kernelPart > MAX_AUDIT_MESSAGE_LENGTH) return null;
  if (kernelPart * 3 > MAX_AUDIT_MESSAGE_LENGTH && Buffer.byteLength(line.slice(stampStart, bodyEnd)) > MAX_AUDIT_MESSAGE_LENGTH) return null;

  const typeId = typeIdOf(type);
  if (typeId === null && type.indexOf("[") >= 0) return null; // brackets only in UNKNOWN[n]
  return new ParsedRecord(type, typeId, node, sec, ms, serial, line, p, bodyEnd);
}
