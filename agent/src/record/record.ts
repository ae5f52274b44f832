import type { AuditRecord } from "../types.ts";
import { appendFieldJson, emptyFieldList, fieldJson, fieldObject, scanFields, type FieldList } from "./fields.ts";
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
  private list: FieldList | undefined;
  private object: Record<string, string> | undefined;
  private rawList: FieldList | undefined;
  private interpList: FieldList | null | undefined;

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
    const list = this.fieldList();
    const i = list.names.indexOf(name);
    return i < 0 ? undefined : list.values[i];
  }

  fields(): Record<string, string> {
    if (this.object === undefined) this.object = fieldObject(this.fieldList());
    return this.object;
  }

  /** The fields as JSON object text (what JSON.stringify(fields()) gives, without the object). */
  fieldsJson(): string {
    return fieldJson(this.fieldList());
  }

  /** Append the fields' JSON text in pieces to `parts` (the events output's hot path). */
  appendFieldsJson(parts: string[]): void {
    appendFieldJson(parts, this.fieldList());
  }

  /** Append the ENRICHED section's JSON text; false (nothing appended) when there is none. */
  appendInterpretedJson(parts: string[]): boolean {
    const list = this.interpretedList();
    if (list === null) return false;
    appendFieldJson(parts, list);
    return true;
  }

  /** A field exactly as written (quotes kept, hex not decoded). Used to join split EXECVE args. */
  raw(name: string): string | undefined {
    if (this.rawList === undefined) {
      this.rawList = emptyFieldList();
      scanFields(this.line, this.bodyStart, this.bodyEnd, this.rawList, false, this.type === "EXECVE");
    }
    const i = this.rawList.names.indexOf(name);
    return i < 0 ? undefined : this.rawList.values[i];
  }

  interpreted(name: string): string | undefined {
    const list = this.interpretedList();
    if (list === null) return undefined;
    let i = list.names.indexOf(name);
    if (i < 0) i = list.names.indexOf(name.toUpperCase());
    return i < 0 ? undefined : list.values[i];
  }

  /** The ENRICHED section as name → value (names as auditd writes them: `UID`, `SADDR`), or null. */
  interpretedFields(): Record<string, string> | null {
    const list = this.interpretedList();
    return list === null ? null : fieldObject(list);
  }

  /** The ENRICHED section as JSON object text, or null when the record has none. */
  interpretedJson(): string | null {
    const list = this.interpretedList();
    return list === null ? null : fieldJson(list);
  }

  private fieldList(): FieldList {
    if (this.list === undefined) {
      this.list = emptyFieldList();
      scanFields(this.line, this.bodyStart, this.bodyEnd, this.list, true, this.type === "EXECVE");
    }
    return this.list;
  }

  private interpretedList(): FieldList | null {
    if (this.interpList === undefined) {
      if (this.bodyEnd >= this.line.length) this.interpList = null;
      else {
        this.interpList = emptyFieldList();
        scanFields(this.line, this.bodyEnd + 1, this.line.length, this.interpList, true, false);
      }
    }
    return this.interpList;
  }
}

export type { ParsedRecord };

/**
 * Parse one line (without its newline). Never throws; null means malformed. `controlsChecked`:
 * the caller (the line reader, which scans bytes anyway) vouches that the line has no control
 * characters other than tab and the ENRICHED separator, so the scan for binary can be skipped.
 */
export function parseRecord(line: string, controlsChecked = false): ParsedRecord | null {
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

  if (!controlsChecked && BINARY.test(line)) return null;
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
