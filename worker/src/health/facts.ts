/**
 * From a validated IDMEF heartbeat to the few facts health needs. Tolerant on purpose: the
 * heartbeat was already accepted by the ingestion schema; a missing field gets a default here
 * rather than an error.
 */
import type { Heartbeat } from "../../../schema/idmef.ts";
import { DEFAULT_HEARTBEAT_INTERVAL_SECONDS } from "./config.ts";
import type { HealthNode, HeartbeatFacts } from "./state.ts";

/** additional_data meaning that carries the agent's lifecycle (SPEC 2.5; Prelude's name). */
export const STATUS_MEANING = "analyzer status";
/** additional_data meaning of a `failed` heartbeat's reason (agent/src/heartbeat.ts). */
const ERROR_MEANING = "error";
/** Counters whose growth means the analyzer lost data (SPEC 2.5: lost events, dropped messages). */
const DROP_MEANING = /\b(drop|dropped|lost)\b/i;

export function heartbeatFacts(hb: Heartbeat): HeartbeatFacts {
  const analyzer = hb.analyzer[0];
  let status: string | null = null;
  let error: string | null = null;
  let drops = 0;
  for (const ad of hb.additional_data ?? []) {
    const meaning = ad.meaning?.trim() ?? "";
    if (ad.type === "string" && meaning.toLowerCase() === STATUS_MEANING) status = ad.data.trim().toLowerCase();
    else if (ad.type === "string" && meaning.toLowerCase() === ERROR_MEANING) error = ad.data;
    else if ((ad.type === "integer" || ad.type === "real") && DROP_MEANING.test(meaning) && ad.data > 0) drops += ad.data;
  }
  const interval = hb.heartbeat_interval;
  return {
    analyzerid: analyzer.analyzerid,
    messageid: hb.messageid,
    createMs: Date.parse(hb.create_time),
    status,
    intervalS: interval !== undefined && interval > 0 ? interval : DEFAULT_HEARTBEAT_INTERVAL_SECONDS,
    drops,
    error,
    name: analyzer.name ?? null,
    node: analyzer.node ? nodeForTarget(analyzer.node) : null,
    // Not in the heartbeat: ingestion knows which client delivered it (ingest.ts fills it in).
    client: null,
  };
}

function nodeForTarget(node: NonNullable<Heartbeat["analyzer"][number]["node"]>): HealthNode | null {
  const out: HealthNode = {};
  if (node.name) out.name = node.name;
  if (node.location) out.location = node.location;
  if (node.category) out.category = node.category;
  if (node.address?.length) out.address = node.address.map((a) => (a.category ? { address: a.address, category: a.category } : { address: a.address }));
  return Object.keys(out).length > 0 ? out : null;
}
