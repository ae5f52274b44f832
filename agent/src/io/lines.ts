import { isUtf8 } from "node:buffer";
import { closeSync, createReadStream, fstatSync, openSync, read as fsRead } from "node:fs";
import { promisify } from "node:util";

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
  private readonly onLine: (line: string | null, checked: boolean) => void;
  private carry: Buffer | null = null;
  private skipping = false; // inside an over-long line, dropping bytes until its newline

  /**
   * `onLine(line, checked)`: `checked` is true when the reader already knows the line holds no
   * stray control characters (so the parser need not look again).
   */
  constructor(onLine: (line: string | null, checked: boolean) => void, maxLineBytes: number) {
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
      this.onLine(null, true);
      return;
    }
    // Copy: the chunk's memory is the stream's and may be reused.
    this.carry = this.carry === null ? Buffer.from(rest) : Buffer.concat([this.carry, rest]);
  }

  /** `buf` holds whole lines (the last one may lack its newline). */
  private emitLines(buf: Buffer): void {
    const kind = scanBytes(buf);
    if ((kind & ASCII) !== 0 || isUtf8(buf)) {
      const text = buf.toString((kind & ASCII) !== 0 ? "latin1" : "utf8");
      this.splitText(text, buf, (kind & CONTROL) === 0);
      return;
    }
    let pos = 0;
    while (pos < buf.length) {
      let nl = buf.indexOf(10, pos);
      if (nl < 0) nl = buf.length;
      const line = buf.subarray(pos, nl);
      pos = nl + 1;
      if (line.length === 0) continue;
      if (line.length > this.maxLineBytes || !isUtf8(line)) this.onLine(null, true);
      else this.deliver(line.toString("utf8"), false);
    }
  }

  private splitText(text: string, buf: Buffer, clean: boolean): void {
    // Line lengths in chars ≤ bytes; check bytes only for a line that is long in chars.
    const sameLength = text.length === buf.length;
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      let nl = text.indexOf("\n", pos);
      if (nl < 0) nl = n;
      if (nl > pos) {
        const line = text.slice(pos, nl);
        if (line.length > this.maxLineBytes || (!sameLength && Buffer.byteLength(line) > this.maxLineBytes)) this.onLine(null, true);
        else this.deliver(line, clean);
      }
      pos = nl + 1;
    }
  }

  private deliver(line: string, clean: boolean): void {
    if (line.charCodeAt(line.length - 1) === 13) {
      line = line.slice(0, -1);
      clean = false; // a CR is a control character unless it ended the line: let the parser look
    }
    if (line.length === 0) return;
    this.onLine(line, clean);
  }
}

/** What a chunk holds, found in one pass over 32-bit words. */
const ASCII = 1;
const CONTROL = 2; // a control byte other than LF, tab and GS (the ENRICHED separator), or DEL

/**
 * Scan bytes for non-ASCII and stray control bytes at once, a word at a time (SWAR): a word is
 * looked at byte by byte only when it might hold a byte < 0x20 or 0x7f, i.e. about once per line.
 */
export function scanBytes(buf: Buffer): number {
  let ascii = true;
  let control = false;
  const n = buf.length;
  let i = 0;
  if (buf.byteOffset % 4 === 0) {
    const words = n >> 2;
    const u32 = new Uint32Array(buf.buffer, buf.byteOffset, words);
    for (let w = 0; w < words; w++) {
      const x = u32[w];
      if ((x & 0x80808080) !== 0) ascii = false;
      // Bytes < 0x20 (for bytes < 0x80): (x - 0x20..) & ~x & 0x80..; DEL: (x ^ 0x7f..) has a zero byte.
      const y = x ^ 0x7f7f7f7f;
      if ((((x - 0x20202020) & ~x) | ((y - 0x01010101) & ~y)) & 0x80808080) {
        for (let k = w * 4; k < w * 4 + 4; k++) if (isStrayControl(buf[k])) control = true;
      }
    }
    i = words * 4;
  }
  for (; i < n; i++) {
    const b = buf[i];
    if (b >= 0x80) ascii = false;
    else if (isStrayControl(b)) control = true;
  }
  return (ascii ? ASCII : 0) | (control ? CONTROL : 0);
}

function isStrayControl(b: number): boolean {
  return (b < 0x20 && b !== 10 && b !== 9 && b !== 0x1d) || b === 0x7f;
}

/**
 * The input of `replay`: a file, or stdin for "-". A regular file (or stdin redirected from one)
 * is read with positional reads into ONE reused buffer: no allocation per chunk, so memory stays
 * flat whatever the size. Pipes and terminals go through Node's stream (non-blocking fds).
 * The chunk handed out is only valid until the next one is asked for.
 */
export function openInput(file: string, chunkBytes = 1 << 16): AsyncIterable<Buffer> {
  const fd = file === "-" ? 0 : openSync(file, "r");
  if (!fstatSync(fd).isFile()) return file === "-" ? process.stdin : createReadStream(file, { fd, highWaterMark: chunkBytes });
  return readFileChunks(fd, chunkBytes, file !== "-");
}

async function* readFileChunks(fd: number, chunkBytes: number, close: boolean): AsyncGenerator<Buffer> {
  const buf = Buffer.allocUnsafe(chunkBytes);
  const read = promisify(fsRead);
  try {
    for (;;) {
      const { bytesRead } = await read(fd, buf, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    if (close) closeSync(fd);
  }
}
