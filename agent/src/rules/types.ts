import type { AuditRecord } from "../types.ts";
import type { AgentConfig } from "../config.ts";
import type { Hit } from "../idmef/build.ts";
import type { EventView } from "./context.ts";

/**
 * A rule looks at one record of the types it is registered for (and the event around it) and
 * returns at most one finding. Rules are pure; the mapper calls them only for their types.
 */
export type RuleFn = (r: AuditRecord, v: EventView, config: AgentConfig) => Hit | null;

/** Record type → the rules that look at it, in order. */
export type RuleTable = ReadonlyArray<readonly [types: readonly string[], rule: RuleFn]>;
