/**
 * Cheap reads of the few SYSCALL fields every event is checked for (key, arch, syscall), straight
 * from the line, so events no rule wants never pay for a full field scan. Only for kernel SYSCALL
 * records, whose layout is fixed: `arch=` and `syscall=` come first, `key=` last before the
 * ENRICHED section. A key auditd could not write plainly (spaces, quotes, several keys joined by
 * \x01) is hex-encoded; then, or on anything unexpected, the record's own parser decides.
 */
import type { AuditRecord } from "../types.ts";

const GS = "\x1d";

/** The raw value after `name=` at `at` (up to a space or the ENRICHED separator). */
function valueAt(line: string, at: number, end: number): string {
  let i = at;
  while (i < end) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 0x1d) break;
    i++;
  }
  return line.slice(at, i);
}

/** The SYSCALL's key as `get("key")` would return it; undefined when absent. */
export function syscallKey(r: AuditRecord): string | undefined {
  const line = r.line;
  const gs = line.indexOf(GS);
  const end = gs < 0 ? line.length : gs;
  const at = line.lastIndexOf(" key=", end);
  if (at < 0) return undefined;
  const v = valueAt(line, at + 5, end);
  if (v === "(null)") return v;
  if (v.length >= 2 && v.charCodeAt(0) === 34 && v.charCodeAt(v.length - 1) === 34 && v.indexOf('"', 1) === v.length - 1) {
    return v.slice(1, -1);
  }
  return r.get("key"); // hex-encoded or unusual: let the parser decode it
}

/** `arch=` and `syscall=` of a SYSCALL record, from the start of its body. */
export function syscallArchNr(r: AuditRecord): { arch: string; nr: string } | undefined {
  const line = r.line;
  const body = line.indexOf("): ");
  if (body < 0) return undefined;
  const a = line.indexOf(" arch=", body + 1);
  const s = line.indexOf(" syscall=", body + 1);
  if (a < 0 || s < 0 || a > body + 40 || s > body + 60) return undefined;
  return { arch: valueAt(line, a + 6, line.length), nr: valueAt(line, s + 9, line.length) };
}
