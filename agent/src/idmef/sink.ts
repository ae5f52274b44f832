/**
 * `replay --format idmef` (the default): every event through the mapper, one IDMEF JSON message
 * per line; the counters (events, alerts by rule, unmapped events) for the stderr summary.
 */
import type { Writable } from "node:stream";
import type { AgentConfig } from "../config.ts";
import { LineOutput } from "../io/output.ts";
import type { EventSink } from "../io/sink.ts";
import { createMapper } from "../rules/index.ts";
import type { Clock } from "../types.ts";
import type { HostInfo } from "./analyzer.ts";

export interface IdmefSinkOptions {
  config: AgentConfig;
  out: Writable;
  clock?: Clock;
  host?: HostInfo;
}

export function createIdmefSink({ config, out, clock = Date.now, host }: IdmefSinkOptions): EventSink {
  const mapper = createMapper({ config, clock, ...(host ? { host } : {}) });
  const output = new LineOutput(out);
  return {
    write(event) {
      for (const msg of mapper.map(event)) output.line(JSON.stringify(msg));
    },
    drain: () => output.drain(),
    close: () => output.close(),
    counters() {
      const c = mapper.counters;
      const byRule = Object.fromEntries(
        Object.entries(c.alertsByRule)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([rule, n]) => [`alerts[${rule}]`, n]),
      );
      return { alerts: c.alerts, unmapped: c.unmapped, ...(c.ruleErrors > 0 ? { rule_errors: c.ruleErrors } : {}), ...byRule };
    },
  };
}
