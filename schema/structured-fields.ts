/**
 * The part of RFC 8941 (Structured Field Values) that RFC 9421 and RFC 9530 need:
 * parse a Dictionary whose members are items or inner lists, with parameters; serialise
 * inner lists and items back. Strict: anything outside the grammar is an error, never a guess.
 */

export type BareItem = number | string | boolean | Token | Uint8Array<ArrayBuffer>;
/** A Token is kept apart from a String: they serialise differently (`abc` vs `"abc"`). */
export interface Token {
  readonly token: string;
}
export type Params = Array<[string, BareItem]>;
export interface Item {
  value: BareItem;
  params: Params;
}
export interface InnerList {
  items: Item[];
  params: Params;
}
export type Member = Item | InnerList;
export type Dictionary = Map<string, Member>;

export class StructuredFieldError extends Error {}

export function isInnerList(m: Member): m is InnerList {
  return "items" in m;
}

/** RFC 8941 §4.2.2: parse a Dictionary field value. Later duplicate keys win, as the RFC says. */
export function parseDictionary(input: string): Dictionary {
  const p = new Parser(input);
  const dict: Dictionary = new Map();
  p.skipSP();
  if (p.done()) return dict;
  for (;;) {
    const key = p.key();
    let member: Member;
    if (p.peek() === "=") {
      p.pos++;
      member = p.peek() === "(" ? p.innerList() : p.item();
    } else {
      member = { value: true, params: p.params() };
    }
    dict.set(key, member);
    p.skipOWS();
    if (p.done()) return dict;
    p.expect(",");
    p.skipOWS();
    if (p.done()) throw new StructuredFieldError("trailing comma in dictionary");
  }
}

class Parser {
  pos = 0;
  readonly s: string;
  constructor(s: string) {
    this.s = s;
  }
  done(): boolean {
    return this.pos >= this.s.length;
  }
  peek(): string {
    return this.s[this.pos] ?? "";
  }
  expect(ch: string): void {
    if (this.s[this.pos] !== ch) throw new StructuredFieldError(`expected "${ch}" at ${this.pos}`);
    this.pos++;
  }
  skipSP(): void {
    while (this.s[this.pos] === " ") this.pos++;
  }
  skipOWS(): void {
    while (this.s[this.pos] === " " || this.s[this.pos] === "\t") this.pos++;
  }
  key(): string {
    const m = /^[a-z*][a-z0-9_\-.*]*/.exec(this.s.slice(this.pos));
    if (!m) throw new StructuredFieldError(`expected a key at ${this.pos}`);
    this.pos += m[0].length;
    return m[0];
  }
  params(): Params {
    const out: Params = [];
    while (this.peek() === ";") {
      this.pos++;
      this.skipSP();
      const k = this.key();
      let v: BareItem = true;
      if (this.peek() === "=") {
        this.pos++;
        v = this.bareItem();
      }
      const i = out.findIndex(([name]) => name === k);
      if (i >= 0) out[i] = [k, v];
      else out.push([k, v]);
    }
    return out;
  }
  item(): Item {
    const value = this.bareItem();
    return { value, params: this.params() };
  }
  innerList(): InnerList {
    this.expect("(");
    const items: Item[] = [];
    for (;;) {
      this.skipSP();
      if (this.peek() === ")") {
        this.pos++;
        return { items, params: this.params() };
      }
      items.push(this.item());
      const c = this.peek();
      if (c !== " " && c !== ")") throw new StructuredFieldError(`bad inner list at ${this.pos}`);
    }
  }
  bareItem(): BareItem {
    const c = this.peek();
    if (c === '"') return this.string();
    if (c === ":") return this.bytes();
    if (c === "?") return this.boolean();
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    if (/[A-Za-z*]/.test(c)) return this.token();
    throw new StructuredFieldError(`unexpected ${JSON.stringify(c)} at ${this.pos}`);
  }
  string(): string {
    this.pos++;
    let out = "";
    for (;;) {
      if (this.done()) throw new StructuredFieldError("unterminated string");
      const c = this.s[this.pos++];
      if (c === "\\") {
        const n = this.s[this.pos++];
        if (n !== '"' && n !== "\\") throw new StructuredFieldError("bad escape in string");
        out += n;
      } else if (c === '"') {
        return out;
      } else {
        const code = c.charCodeAt(0);
        if (code < 0x20 || code > 0x7e) throw new StructuredFieldError("non-printable character in string");
        out += c;
      }
    }
  }
  token(): Token {
    const m = /^[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]*/.exec(this.s.slice(this.pos));
    this.pos += m![0].length;
    return { token: m![0] };
  }
  bytes(): Uint8Array<ArrayBuffer> {
    this.pos++;
    const end = this.s.indexOf(":", this.pos);
    if (end < 0) throw new StructuredFieldError("unterminated byte sequence");
    const b64 = this.s.slice(this.pos, end);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw new StructuredFieldError("bad base64 in byte sequence");
    this.pos = end + 1;
    return fromBase64(b64);
  }
  boolean(): boolean {
    this.pos++;
    const c = this.s[this.pos++];
    if (c === "1") return true;
    if (c === "0") return false;
    throw new StructuredFieldError("bad boolean");
  }
  number(): number {
    const m = /^-?\d{1,15}(\.\d{1,3})?/.exec(this.s.slice(this.pos));
    if (!m) throw new StructuredFieldError(`bad number at ${this.pos}`);
    if (m[1] === undefined && /^-?\d/.test(this.s.slice(this.pos + m[0].length, this.pos + m[0].length + 1))) {
      throw new StructuredFieldError("integer too long");
    }
    this.pos += m[0].length;
    return Number(m[0]);
  }
}

export function serializeBareItem(v: BareItem): string {
  if (typeof v === "boolean") return v ? "?1" : "?0";
  if (typeof v === "number") {
    if (!Number.isInteger(v) || Math.abs(v) > 999_999_999_999_999) throw new StructuredFieldError("only integers are serialised");
    return String(v);
  }
  if (typeof v === "string") {
    if (!/^[\x20-\x7e]*$/.test(v)) throw new StructuredFieldError("string with non-printable characters");
    return `"${v.replace(/[\\"]/g, (c) => "\\" + c)}"`;
  }
  if (v instanceof Uint8Array) return `:${toBase64(v)}:`;
  return v.token;
}

export function serializeParams(params: Params): string {
  return params.map(([k, v]) => (v === true ? `;${k}` : `;${k}=${serializeBareItem(v)}`)).join("");
}

export function serializeInnerList(list: InnerList): string {
  const items = list.items.map((i) => serializeBareItem(i.value) + serializeParams(i.params)).join(" ");
  return `(${items})${serializeParams(list.params)}`;
}

// base64 without Buffer, so the same code runs in workerd and Node.
export function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new StructuredFieldError("not base64url");
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  return fromBase64(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
}
