import type { AuditEvent } from "../types.ts";

/**
 * Where `replay` (and run mode) sends completed events. `write` is synchronous (it is called from
 * the reassembler's callback); the pipeline awaits `drain` between input chunks, so output
 * back-pressure holds the input back, and `close` at the end.
 */
export interface EventSink {
  write(event: AuditEvent): void;
  drain(): Promise<void>;
  close(): Promise<void>;
  /** Extra counters for the end-of-run summary on stderr (e.g. alerts written). */
  counters?(): Record<string, number>;
}
