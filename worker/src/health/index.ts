/**
 * Analyzer health (SPEC 4.1). The Worker entry exports `scheduled`; ingestion calls
 * `recordHeartbeatHealth` with each request's heartbeats; GET /v1/analyzers joins
 * `analyzer_health` (HEALTH_SELECT / HEALTH_JOIN).
 */
import { runHealthCron } from "./cron.ts";
import type { HealthEnv } from "./config.ts";

export { recordHeartbeatHealth } from "./ingest.ts";
export { runHealthCron } from "./cron.ts";
export { healthConfig, type HealthConfig, type HealthEnv } from "./config.ts";
// The alert machinery, for health alerts raised elsewhere (e.g. ingestion's over-quota alert).
export { buildHealthAlert, claimedData, registeredTarget, registrationData, type HealthAlertSpec, type HealthMessage } from "./alert.ts";
export { healthAlertStatements, type StandaloneHealthAlert } from "./store.ts";
export type { HealthState } from "./state.ts";

/** What GET /v1/analyzers adds to each analyzer: its health state, since when (epoch ms), and how
 *  many health alerts about it the hourly budget suppressed. */
export const HEALTH_SELECT = "h.state AS health, h.since AS health_since, h.alerts_suppressed_total AS health_alerts_suppressed";
export const HEALTH_JOIN = "LEFT JOIN analyzer_health h ON h.analyzerid = analyzers.analyzerid";

/** The cron trigger's handler, exported next to `fetch` by the Worker entry. */
export async function scheduled(controller: ScheduledController, env: HealthEnv, _ctx?: ExecutionContext): Promise<void> {
  const report = await runHealthCron(env, controller.scheduledTime);
  // One structured line per run: what changed and what it cost (visible in `wrangler tail`).
  console.log(JSON.stringify({ health_cron: report }));
}
