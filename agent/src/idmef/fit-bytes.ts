/**
 * Keeps an alert within the server's per-message cap (DEFAULT_MAX_MESSAGE_BYTES of compact JSON
 * UTF-8, the Worker's MAX_MESSAGE_BYTES default): a message over it would be rejected and lost.
 * Runs after the token fit, and adds no tokens of its own beyond what it cuts. In order:
 *   1. the raw event copy (include_raw) is shortened: the structured fields carry its facts;
 *   2. process arguments are cut from the end, counted in "Arguments omitted";
 *   3. the longest remaining strings are halved (attacker-made paths can be long), each marked.
 * Cut text ends in CUT_MARK so nobody mistakes it for the whole value.
 */
import { countJsonTokens, DEFAULT_MAX_MESSAGE_BYTES, MAX_JSON_TOKENS, SELF_TAG_TOKENS } from "../../../schema/idmef-wire.ts";
import type { AdditionalData, AlertMessage, Process } from "../../../schema/idmef.ts";

export const CUT_MARK = "[...]";
const ARGS_OMITTED = "Arguments omitted";
const NOTE_TOKENS = 7; // one additional_data object: {meaning, type, data}

const jsonBytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

function cutString(s: string, by: number): string {
  return s.slice(0, Math.max(0, s.length - by - CUT_MARK.length)) + CUT_MARK;
}

/**
 * The compact JSON (and its UTF-8 size) of the last message fitByteBudget let through as it was:
 * measuring it meant serialising it, and the plugin spools that very text (fittedJson) instead of
 * serialising the object a second time. One slot: a message not taken at once is serialised anew.
 */
let fittedMsg: AlertMessage | null = null;
let fittedText = "";
let fittedBytes = 0;

/** The JSON text of `msg` and its byte size, from the fit when `msg` is the one just fitted. */
export function fittedJson(msg: AlertMessage): { text: string; bytes: number } {
  if (msg === fittedMsg) {
    fittedMsg = null;
    return { text: fittedText, bytes: fittedBytes };
  }
  const text = JSON.stringify(msg);
  return { text, bytes: Buffer.byteLength(text) };
}

export function fitByteBudget(msg: AlertMessage, budget = DEFAULT_MAX_MESSAGE_BYTES): void {
  const text = JSON.stringify(msg);
  const bytes = Buffer.byteLength(text);
  let over = bytes - budget;
  if (over <= 0) {
    fittedMsg = msg;
    fittedText = text;
    fittedBytes = bytes;
    return;
  }
  fittedMsg = null;
  const data = msg.alert.additional_data ?? [];

  const raw = data.find((d) => d.meaning === "Audit event" && d.type === "string") as (AdditionalData & { data: string }) | undefined;
  if (raw) {
    // Escaping makes a character cost one byte or more, so cutting `over` characters may not be
    // enough; repeat until it is or the copy is only its mark.
    while (over > 0 && raw.data.length > CUT_MARK.length) {
      raw.data = cutString(raw.data, over);
      over = jsonBytes(msg) - budget;
    }
  }

  for (const p of [...(msg.alert.source ?? []), ...(msg.alert.target ?? [])].map((x) => x.process)) {
    if (over <= 0) return;
    if (p?.arg !== undefined) over = cutArgs(msg, p, over, budget);
  }

  while (over > 0) {
    const longest = longestString(msg);
    if (!longest || longest.value.length <= 2 * CUT_MARK.length) break; // nothing left worth cutting
    longest.set(cutString(longest.value, Math.max(over, Math.floor(longest.value.length / 2))));
    over = jsonBytes(msg) - budget;
  }
}

/** Cuts arguments from the end until the message fits (or none are left); returns what is still over. */
function cutArgs(msg: AlertMessage, p: Process, overIn: number, budget: number): number {
  const args = p.arg!;
  const data = (msg.alert.additional_data ??= []);
  let note = data.find((d) => d.meaning === ARGS_OMITTED && d.type === "integer") as (AdditionalData & { data: number }) | undefined;
  // A new note costs bytes and tokens: make room for both.
  let need = overIn + (note ? 0 : jsonBytes({ meaning: ARGS_OMITTED, type: "integer", data: args.length }) + 1);
  let cut = 0;
  while (need > 0 && cut < args.length) need -= jsonBytes(args[args.length - 1 - cut++]) + 1;
  if (!note) {
    const tokensOver = countJsonTokens(msg) + SELF_TAG_TOKENS + NOTE_TOKENS - cut - MAX_JSON_TOKENS;
    cut = Math.min(args.length, cut + Math.max(0, tokensOver));
    note = { meaning: ARGS_OMITTED, type: "integer", data: 0 };
    data.push(note);
  }
  args.length -= cut;
  if (args.length === 0) delete p.arg;
  note.data += cut;
  return jsonBytes(msg) - budget;
}

/** The longest string value in the message, with a setter to replace it. */
function longestString(root: unknown): { value: string; set: (v: string) => void } | null {
  let best: { value: string; set: (v: string) => void } | null = null;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [k, v] of entries) {
      if (typeof v === "string") {
        if (!best || v.length > best.value.length) best = { value: v, set: (s) => ((node as Record<string | number, unknown>)[k] = s) };
      } else if (typeof v === "object") {
        stack.push(v);
      }
    }
  }
  return best;
}
