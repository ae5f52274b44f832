/**
 * `replay --send`: events → mapper → spool → server, reusing the plugin's delivery path. Unlike
 * plugin mode, a saved log can wait: `drain()` holds the reader back while the spool is more
 * than half full, so replaying a big file never reaches overflow_action. `close()` waits until
 * everything is delivered (or dead-lettered); an interrupted replay leaves the rest in its spool
 * (`<spool_dir>/replay`, apart from a running agent's) for the next `replay --send`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { AgentConfig } from "../config.ts";
import type { EventSink } from "../io/sink.ts";
import { resolveIdentity } from "../keys.ts";
import { createMapper } from "../rules/index.ts";
import { DeadLetterFile } from "../spool/dead-letter.ts";
import { LANE_ALERT, Spool } from "../spool/spool.ts";
import { Sender } from "./sender.ts";
import { makeSigner } from "./sign.ts";

export async function createSendSink(configIn: AgentConfig, log: (line: string) => void = (l) => process.stderr.write(l + "\n")): Promise<EventSink> {
  if (!configIn.server) throw new Error("--send needs `server` in the config (--config FILE)");
  const identity = await resolveIdentity(configIn);
  const config: AgentConfig = { ...configIn, analyzer_id: identity.analyzerId };
  const mapper = createMapper({ config, clock: Date.now });
  const dir = join(config.spool_dir, "replay");
  let sender: Sender | undefined;
  const spool = new Spool({ dir, maxBytes: config.spool_max_bytes, overflowAction: "drop_newest", onCommit: () => sender?.wake() });
  const deadLetters = new DeadLetterFile(join(dir, "dead-letter.jsonl"));
  sender = new Sender({
    spool,
    deadLetters,
    server: config.server!,
    sign: makeSigner(identity.clientId, identity.privateKey),
    batchMaxMessages: config.batch_max_messages,
    batchMaxBytes: config.batch_max_bytes,
    batchLingerMs: config.batch_linger_ms,
    backoff: { baseMs: 250, capMs: config.retry_max_delay_ms },
    ca: config.tls_ca_file ? readFileSync(config.tls_ca_file, "utf8") : undefined,
    log: (l) => log(`idmef-agent replay: ${l}`),
  });
  sender.start();
  const full = () => {
    const c = spool.counters();
    return c.depthBytes > config.spool_max_bytes / 2;
  };
  return {
    write(event) {
      for (const m of mapper.map(event)) spool.append(LANE_ALERT, JSON.stringify(m));
    },
    async drain() {
      while (full()) await delay(50);
    },
    async close() {
      // Everything, however long the server takes (Ctrl-C keeps the rest in the spool).
      while (!(await sender.drain(Date.now() + 60_000))) {
        const c = sender.counters();
        log(`idmef-agent replay: still sending, ${spool.counters().depth} left (last answer: ${c.lastStatus ?? c.lastError})`);
      }
      await sender.stop();
      await spool.close();
    },
    counters() {
      const s = sender.counters();
      return { alerts: mapper.counters.alerts, stored: s.stored, duplicates: s.duplicates, dead_lettered: s.deadLettered, dropped: spool.counters().dropped };
    },
  };
}
