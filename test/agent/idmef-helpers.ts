/** Shared by the mapper's tests: events from log text, a fixed host and clock, corpus access. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseRecord } from "../../agent/src/record/index.ts";
import { Reassembler } from "../../agent/src/reassembler.ts";
import type { AuditEvent } from "../../agent/src/types.ts";
import { parseConfig } from "../../agent/src/config.ts";
import { createMapper } from "../../agent/src/rules/index.ts";
import type { AlertMessage } from "../../schema/idmef.ts";

export const HOST = { hostname: "testhost", ostype: "Linux", osversion: "6.1.0-test" };
export const NOW = Date.parse("2026-01-02T03:04:05.678Z");
export const clock = () => NOW;
export const CORPUS = resolve(process.cwd(), "../shared/corpus");

/** Log text → whole events, through the real parser and reassembler. */
export function eventsOf(text: string): AuditEvent[] {
  const events: AuditEvent[] = [];
  const r = new Reassembler({ onEvent: (e) => events.push(e) });
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const rec = parseRecord(line);
    if (rec === null) throw new Error(`malformed test line: ${line}`);
    r.push(rec, 0);
  }
  r.flush();
  return events;
}

/** The lines of one event (by serial) in a corpus log, in file order. */
export function corpusEventLines(file: string, serial: number): string {
  const text = readFileSync(resolve(CORPUS, file), "utf8");
  const tag = `:${serial}):`;
  const lines = text.split("\n").filter((l) => l.includes(tag));
  if (lines.length === 0) throw new Error(`no event ${serial} in ${file}`);
  return lines.join("\n");
}

/** Map log text with an optional config; returns every alert. */
export function mapText(text: string, configText = ""): AlertMessage[] {
  const mapper = createMapper({ config: parseConfig(configText, "test.conf"), clock, host: HOST });
  return eventsOf(text).flatMap((e) => mapper.map(e));
}

/** additional_data as meaning → data. */
export function dataOf(m: AlertMessage): Record<string, unknown> {
  return Object.fromEntries((m.alert.additional_data ?? []).map((d) => [d.meaning, d.data]));
}

export function ruleOf(m: AlertMessage): string {
  return String(dataOf(m).rule);
}
