import type { Writable } from "node:stream";
import { eventTime, type AuditEvent, type AuditRecord } from "../types.ts";
import { LineOutput } from "./output.ts";
import type { EventSink } from "./sink.ts";

interface JsonFields {
  appendFieldsJson(parts: string[]): void;
  appendInterpretedJson(parts: string[]): boolean;
}

function hasJsonFields(r: AuditRecord): r is AuditRecord & JsonFields {
  return typeof (r as Partial<JsonFields>).appendFieldsJson === "function";
}

/**
 * One event → the `--format events` JSON line (SPEC 2):
 * `{"node","time","serial","records":[{"type","fields":{...},"interpreted":{...}}]}`, with
 * `interpreted` (the ENRICHED section) only on records that have one.
 */
export function eventJson(event: AuditEvent): string {
  const parts: string[] = [];
  appendEventJson(parts, event);
  return parts.join("");
}

/**
 * The same text appended to `parts` in pieces: the hot path of `replay --format events` builds
 * no intermediate strings; the output joins a batch of pieces once.
 */
export function appendEventJson(parts: string[], event: AuditEvent): void {
  parts.push(
    '{"node":',
    event.node === null ? "null" : JSON.stringify(event.node),
    ',"time":"',
    eventTime(event),
    '","serial":',
    String(event.serial),
    ',"records":[',
  );
  const records = event.records;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    parts.push(i === 0 ? '{"type":"' : ',{"type":"', r.type, '","fields":');
    if (hasJsonFields(r)) {
      r.appendFieldsJson(parts);
      const at = parts.length;
      parts.push(',"interpreted":');
      if (!r.appendInterpretedJson(parts)) parts.length = at;
    } else parts.push(JSON.stringify(r.fields()));
    parts.push("}");
  }
  parts.push("]}");
}

/** `--format events`: one JSON object per event, in completion order. */
export function createEventsSink(out: Writable): EventSink {
  const output = new LineOutput(out);
  let written = 0;
  return {
    write(event) {
      appendEventJson(output.pieces(), event);
      output.endLine();
      written++;
    },
    drain: () => output.drain(),
    close: () => output.close(),
    counters: () => ({ written }),
  };
}
