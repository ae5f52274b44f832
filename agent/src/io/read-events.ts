import { MAX_LINE_LENGTH, parseRecord } from "../record/record.ts";
import { Reassembler } from "../reassembler.ts";
import type { AuditEvent, Clock } from "../types.ts";
import { LineSplitter } from "./lines.ts";

export interface ReadEventsOptions {
  onEvent: (event: AuditEvent) => void;
  /** Awaited after each input chunk (output back-pressure). */
  afterChunk?: () => Promise<void>;
  eventTimeoutMs?: number;
  maxInFlight?: number;
  clock?: Clock;
  /** When > 0, tick the reassembler this often while the input is idle (live stdin). */
  idleTickMs?: number;
}

export interface ReadEventsCounters {
  /** Lines that parsed as records. */
  records: number;
  /** Lines counted and skipped: no stamp, truncated, binary, too long, invalid UTF-8. */
  malformed: number;
  events: number;
  /** Events lost according to sequence gaps. */
  lost: number;
  /** Events the kernel reported lost. */
  kernelLost: number;
}

/**
 * Input stream → lines → records → events, in constant memory. Resolves with the counters at EOF
 * after flushing every open event. Nothing is thrown for bad input; a read error rejects.
 */
export async function readEvents(input: AsyncIterable<Buffer | string>, options: ReadEventsOptions): Promise<ReadEventsCounters> {
  const clock = options.clock ?? Date.now;
  const reassembler = new Reassembler({
    onEvent: options.onEvent,
    eventTimeoutMs: options.eventTimeoutMs,
    maxInFlight: options.maxInFlight,
  });
  let malformed = 0;
  let now = clock();
  const splitter = new LineSplitter((line, checked) => {
    const record = line === null ? null : parseRecord(line, checked);
    if (record === null) malformed++;
    else reassembler.push(record, now);
  }, MAX_LINE_LENGTH);

  let timer: NodeJS.Timeout | undefined;
  if (options.idleTickMs !== undefined && options.idleTickMs > 0) {
    timer = setInterval(() => {
      reassembler.tick(clock());
      void options.afterChunk?.();
    }, options.idleTickMs);
    timer.unref();
  }
  try {
    for await (const chunk of input) {
      now = clock();
      splitter.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
      if (options.afterChunk) await options.afterChunk();
    }
    splitter.end();
    reassembler.flush();
    if (options.afterChunk) await options.afterChunk();
  } finally {
    if (timer !== undefined) clearInterval(timer);
  }
  const c = reassembler.counters;
  return { records: c.records, malformed, events: c.events, lost: c.lost, kernelLost: c.kernelLost };
}
