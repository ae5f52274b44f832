/**
 * analyzer[0] of every message this agent sends (alerts and heartbeats), and the host facts it
 * carries. Host facts come from `os` by default; tests pass them in.
 */
import { createHash } from "node:crypto";
import os from "node:os";
import type { Analyzer } from "../../../schema/idmef.ts";
import type { AgentConfig } from "../config.ts";
import { clean } from "./parts.ts";

export const AGENT_MANUFACTURER = "idmef-edge";
export const AGENT_MODEL = "idmef-agent";
export const AGENT_VERSION = "0.1.0";
export const AGENT_CLASS = "HIDS";

export interface HostInfo {
  readonly hostname: string;
  readonly ostype: string;
  readonly osversion: string;
}

export function localHostInfo(): HostInfo {
  return { hostname: os.hostname(), ostype: os.type(), osversion: os.release() };
}

/**
 * An analyzer id for a host that has none configured yet: a stable 63-bit decimal number from the
 * host name (Prelude analyzer ids are decimal 64-bit numbers). The run mode persists its own id
 * and passes it as `analyzer_id`; this is the fallback for replay.
 */
export function deriveAnalyzerId(hostname: string): string {
  const h = createHash("sha256").update("idmef-agent analyzer\0" + hostname).digest();
  return (h.readBigUInt64BE(0) >> 1n).toString();
}

/** The node name the agent reports for itself: `node_name`, else the host name. */
export function agentNodeName(config: AgentConfig, host: HostInfo = localHostInfo()): string {
  return config.node_name ?? host.hostname;
}

/** analyzer[0]: this agent. */
export function analyzerInfo(config: AgentConfig, host: HostInfo = localHostInfo()): Analyzer {
  const nodeName = clean(agentNodeName(config, host));
  return {
    analyzerid: clean(config.analyzer_id ?? deriveAnalyzerId(nodeName)),
    name: clean(config.analyzer_name),
    manufacturer: AGENT_MANUFACTURER,
    model: AGENT_MODEL,
    version: AGENT_VERSION,
    class: AGENT_CLASS,
    ostype: clean(host.ostype),
    osversion: clean(host.osversion),
    node: { name: nodeName },
  };
}
