/**
 * POST /v1/triage: acknowledge / close / reopen alerts, with reason and note. API clients need
 * admin:w (idmef:w is the agents' permission: a rooted host must not close its own alerts); the
 * console's triager and admin roles call the same `runTriage`.
 */
import { Hono } from "hono";
import { AlertsQuerySchema, TriageRequestSchema } from "../../../schema/api.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { AppEnv } from "../env.ts";
import { alertWhere } from "../store/queries.ts";
import { applyTriage, type TriageTarget } from "../store/triage.ts";
import { alertFilter, jsonBody, parseQuery } from "./request.ts";

const FilterSchema = AlertsQuerySchema.omit({ limit: true, cursor: true });

/** Validates a triage request and applies it as `actor`; returns how many alerts changed. */
export async function runTriage(db: D1Database, body: unknown, actor: string, now: number): Promise<number> {
  const r = parseQuery(TriageRequestSchema, body, "triage request");
  let target: TriageTarget;
  if (r.alerts) target = { keys: r.alerts };
  else target = { ...alertWhere(alertFilter(parseQuery(FilterSchema, r.filter, "triage filter"))), limit: r.max };
  return applyTriage(db, target, { status: r.status, reason: r.reason, note: r.note, actor, at: now });
}

export function triageRoutes() {
  return new Hono<AppEnv>().post("/", requirePermission("admin:w"), async (c) => {
    const changed = await runTriage(c.env.DB, jsonBody(c.get("rawBody")), `client:${c.get("client").id}`, c.get("now"));
    return c.json({ changed });
  });
}
