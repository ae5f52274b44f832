import { isUtf8 } from "node:buffer";

/**
 * Byte strings from audit records (hex-encoded by auditd because they hold spaces, quotes, control
 * characters or non-ASCII bytes) become JavaScript strings LOSSLESSLY:
 *
 * - bytes that form valid UTF-8 decode normally (NUL and control characters are kept as is, e.g. the
 *   NUL separators of `proctitle`);
 * - every byte that is not part of valid UTF-8 becomes the lone surrogate U+DC00+byte (0x80..0xFF →
 *   U+DC80..U+DCFF), Python's "surrogateescape" (PEP 383). No valid UTF-8 text can contain a lone
 *   surrogate, so the mapping is unambiguous, and `bytesOf` gives the original bytes back.
 *
 * JSON.stringify writes lone surrogates as `\udcXX` escapes (well-formed JSON), so the events output
 * keeps them too.
 */

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUE[65 + i] = 10 + i;
  HEX_VALUE[97 + i] = 10 + i;
}

/** True when s is a non-empty, even-length run of hex digits (how auditd encodes a byte string). */
export function isHex(s: string): boolean {
  const n = s.length;
  if (n === 0 || (n & 1) !== 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || HEX_VALUE[c] < 0) return false;
  }
  return true;
}

/** Hex digits → bytes. Caller checks `isHex` first. */
export function hexToBytes(hex: string): Buffer {
  return Buffer.from(hex, "hex");
}

/** Bytes → string, valid UTF-8 decoded, every other byte surrogate-escaped (see above). */
export function bytesToString(bytes: Uint8Array): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) return buf.toString("utf8");
  return decodeWithEscapes(buf);
}

/** Decode hex to a lossless string (see module comment). */
export function decodeHex(hex: string): string {
  // Short ASCII strings (most proctitles, EXECVE arguments) decode here without a Buffer.
  if (hex.length <= 256) {
    let out = "";
    for (let i = 0; i < hex.length; i += 2) {
      const byte = (HEX_VALUE[hex.charCodeAt(i)] << 4) | HEX_VALUE[hex.charCodeAt(i + 1)];
      if (byte >= 0x80 || byte < 0) return bytesToString(hexToBytes(hex));
      out += String.fromCharCode(byte);
    }
    return out;
  }
  return bytesToString(hexToBytes(hex));
}

/** The bytes a string from `bytesToString` was made of. */
export function bytesOf(s: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff && !isLowSurrogateOfPair(s, i)) {
      if (i > start) parts.push(Buffer.from(s.slice(start, i), "utf8"));
      parts.push(Buffer.of(c - 0xdc00));
      start = i + 1;
    }
  }
  if (start === 0) return Buffer.from(s, "utf8");
  if (start < s.length) parts.push(Buffer.from(s.slice(start), "utf8"));
  return Buffer.concat(parts);
}

function isLowSurrogateOfPair(s: string, i: number): boolean {
  if (i === 0) return false;
  const prev = s.charCodeAt(i - 1);
  return prev >= 0xd800 && prev <= 0xdbff;
}

/** Slow path: walk the bytes, decode each valid UTF-8 sequence, escape the rest. */
function decodeWithEscapes(buf: Buffer): string {
  let out = "";
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i];
    const len = utf8SequenceLength(buf, i);
    if (len === 0) {
      out += String.fromCharCode(0xdc00 + b);
      i++;
    } else {
      out += len === 1 ? String.fromCharCode(b) : buf.toString("utf8", i, i + len);
      i += len;
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence starting at i, or 0 when the bytes there are not one. */
function utf8SequenceLength(buf: Buffer, i: number): number {
  const b = buf[i];
  if (b < 0x80) return 1;
  let len: number;
  let min: number;
  if (b >= 0xc2 && b <= 0xdf) {
    len = 2;
    min = 0x80;
  } else if (b >= 0xe0 && b <= 0xef) {
    len = 3;
    min = 0x800;
  } else if (b >= 0xf0 && b <= 0xf4) {
    len = 4;
    min = 0x10000;
  } else return 0;
  if (i + len > buf.length) return 0;
  let cp = b & (0xff >> (len + 1));
  for (let k = 1; k < len; k++) {
    const c = buf[i + k];
    if ((c & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}
