import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";

/**
 * Splits a byte stream into lines ourselves (large chunks, no readline): constant memory whatever
 * the input size, and each line's bytes are checked for UTF-8 before they become a string.
 *
 * A line is handed on as a string, or as null when it is malformed at the byte level: invalid UTF-8
 * (a string could not keep its bytes), or longer than `maxLineBytes` (the excess is skipped
 * without being buffered, up to the next newline). Blank lines are skipped; a trailing CR is
 * dropped. The common case — a chunk of valid UTF-8 — is decoded with one native call per chunk.
 */
export class LineSplitter {
  private readonly maxLineBytes: number;
  private readonly onLine: (line: string | null) => void;
  private carry: Buffer | null = null;
  private skipping = false; // inside an over-long line, dropping bytes until its newline

  constructor(onLine: (line: string | null) => void, maxLineBytes: number) {
    this.onLine = onLine;
    this.maxLineBytes = maxLineBytes;
  }

  push(chunk: Buffer): void {
    let start = 0;
    if (this.skipping) {
      const nl = chunk.indexOf(10);
      if (nl < 0) return;
      this.skipping = false;
      start = nl + 1;
    }
    const lastNl = chunk.lastIndexOf(10);
    if (lastNl < start) {
      this.keep(chunk, start);
      return;
    }
    let whole: Buffer;
    if (this.carry !== null) {
      whole = Buffer.concat([this.carry, chunk.subarray(start, lastNl + 1)]);
      this.carry = null;
    } else whole = chunk.subarray(start, lastNl + 1);
    this.emitLines(whole);
    this.keep(chunk, lastNl + 1);
  }

  /** End of input: a last line without a newline still counts. */
  end(): void {
    if (this.carry !== null && !this.skipping) {
      const last = this.carry;
      this.carry = null;
      this.emitLines(last);
    }
    this.carry = null;
    this.skipping = false;
  }

  private keep(chunk: Buffer, from: number): void {
    if (from >= chunk.length) return;
    const rest = chunk.subarray(from);
    const size = (this.carry?.length ?? 0) + rest.length;
    if (size > this.maxLineBytes) {
      this.carry = null;
      this.skipping = true;
      this.onLine(null);
      return;
    }
    // Copy: the chunk's memory is the stream's and may be reused.
    this.carry = this.carry === null ? Buffer.from(rest) : Buffer.concat([this.carry, rest]);
  }

  /** `buf` holds whole lines (the last one may lack its newline). */
  private emitLines(buf: Buffer): void {
    if (isUtf8(buf)) {
      const text = buf.toString(asciiOnly(buf) ? "latin1" : "utf8");
      this.splitText(text, buf);
      return;
    }
    let pos = 0;
    while (pos < buf.length) {
      let nl = buf.indexOf(10, pos);
      if (nl < 0) nl = buf.length;
      const line = buf.subarray(pos, nl);
      pos = nl + 1;
      if (line.length === 0) continue;
      if (line.length > this.maxLineBytes || !isUtf8(line)) this.onLine(null);
      else this.deliver(line.toString("utf8"));
    }
  }

  private splitText(text: string, buf: Buffer): void {
    // Line lengths in chars ≤ bytes; check bytes only for a line that is long in chars.
    const sameLength = text.length === buf.length;
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      let nl = text.indexOf("\n", pos);
      if (nl < 0) nl = n;
      if (nl > pos) {
        const line = text.slice(pos, nl);
        if (line.length > this.maxLineBytes || (!sameLength && Buffer.byteLength(line) > this.maxLineBytes)) this.onLine(null);
        else this.deliver(line);
      }
      pos = nl + 1;
    }
  }

  private deliver(line: string): void {
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (line.length === 0) return;
    this.onLine(line);
  }
}

/** Whether every byte is < 0x80 (latin1 decoding is then exact and fastest). */
function asciiOnly(buf: Buffer): boolean {
  // Node has no native "is ASCII" for Buffer; sample with a fast check on 32-bit words.
  const words = Math.floor(buf.length / 4);
  if (buf.byteOffset % 4 === 0 && words > 0) {
    const u32 = new Uint32Array(buf.buffer, buf.byteOffset, words);
    for (let i = 0; i < words; i++) if ((u32[i] & 0x80808080) !== 0) return false;
  } else {
    for (let i = 0; i < words * 4; i++) if (buf[i] >= 0x80) return false;
  }
  for (let i = words * 4; i < buf.length; i++) if (buf[i] >= 0x80) return false;
  return true;
}

/** The input of `replay`: a file, or stdin for "-". Read in large chunks. */
export function openInput(file: string): Readable {
  if (file === "-") return process.stdin;
  return createReadStream(file, { highWaterMark: 1 << 20 });
}
