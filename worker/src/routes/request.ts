/** Request parsing: query strings → store filters, shared by the /v1 routes and the console (one parser, one
 *  meaning for every filter parameter). */
import type { z } from "zod";
import type { AlertsQuerySchema } from "../../../schema/api.ts";
import { Problem } from "../problem.ts";
import type { AggregateFilter } from "../store/aggregate.ts";

export const toMs = (t: string | undefined) => (t === undefined ? undefined : /^\d+$/.test(t) ? Number(t) : Date.parse(t));

/** Parses `query` with `schema`; 400 problem+json naming each bad parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`);
    throw new Problem(400, "bad-query", `bad ${what}: ${issues.join("; ")}`);
  }
  return parsed.data;
}

type ParsedFilter = Omit<z.output<typeof AlertsQuerySchema>, "limit" | "cursor">;

export function alertFilter(q: ParsedFilter): AggregateFilter {
  return {
    analyzerid: q.analyzerid,
    classification: q.classification,
    severity: q.severity,
    completion: q.completion,
    source_node: q.source_node,
    target_user: q.target_user,
    target_process: q.target_process,
    target_file: q.target_file,
    triage: q.triage,
    since: toMs(q.since),
    until: toMs(q.until),
  };
}

/** The signed raw body as JSON (an empty body is `empty`); 400 when it is not JSON. */
export function jsonBody(raw: Uint8Array, empty?: unknown): unknown {
  const text = new TextDecoder().decode(raw).trim();
  if (text === "" && empty !== undefined) return empty;
  try {
    return JSON.parse(text);
  } catch {
    throw new Problem(400, "bad-json", "the body is not JSON");
  }
}
