import type { AuditRecord } from "../types.ts";
import { decodeHex, isHex } from "./hex.ts";

/** Records from this parser can hand out a field exactly as written (quotes kept, hex encoded). */
interface RawFieldAccess {
  raw(name: string): string | undefined;
}

function hasRaw(r: AuditRecord): r is AuditRecord & RawFieldAccess {
  return typeof (r as Partial<RawFieldAccess>).raw === "function";
}

/** A value as written → its text: quotes dropped, hex decoded (losslessly, see hex.ts). */
function valueText(written: string): string {
  if (written.length >= 2 && written.charCodeAt(0) === 34 && written.charCodeAt(written.length - 1) === 34) {
    return written.slice(1, -1);
  }
  return isHex(written) ? decodeHex(written) : written;
}

/** The hex bytes of a value as written (quoted text re-encoded), so split pieces join byte-wise. */
function valueHex(written: string): string {
  if (written.length >= 2 && written.charCodeAt(0) === 34 && written.charCodeAt(written.length - 1) === 34) {
    return Buffer.from(written.slice(1, -1), "utf8").toString("hex");
  }
  return isHex(written) ? written : Buffer.from(written, "utf8").toString("hex");
}

/**
 * The argument vector of an exec event: `a0`..`a{argc-1}` across all its EXECVE records, with an
 * argument that the kernel split (`aN_len=`, `aN[0]=`, `aN[1]=`, ... possibly over several records)
 * joined back BYTE-wise before decoding, so a multi-byte character cut between pieces survives.
 * Stops at the first argument that is missing (records lost). Non-EXECVE records are ignored.
 */
export function execveArgs(records: readonly AuditRecord[]): string[] {
  const written = new Map<string, string>();
  let argc: number | null = null;
  for (const r of records) {
    if (r.type !== "EXECVE") continue;
    const fields = r.fields();
    for (const name of Object.keys(fields)) {
      if (written.has(name)) continue;
      const raw = hasRaw(r) ? r.raw(name) : undefined;
      written.set(name, raw ?? JSON.stringify(fields[name]));
    }
    if (argc === null && fields.argc !== undefined && /^[0-9]+$/.test(fields.argc)) argc = Number(fields.argc);
  }
  const args: string[] = [];
  for (let i = 0; argc === null || i < argc; i++) {
    const whole = written.get(`a${i}`);
    if (whole !== undefined) {
      args.push(valueText(whole));
      continue;
    }
    if (!written.has(`a${i}_len`) && !written.has(`a${i}[0]`)) break;
    let hex = "";
    for (let k = 0; ; k++) {
      const piece = written.get(`a${i}[${k}]`);
      if (piece === undefined) break;
      hex += valueHex(piece);
    }
    args.push(decodeHex(hex));
  }
  return args;
}
