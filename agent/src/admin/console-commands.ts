/** idmef-admin commands over the console's API: a login link, triage, counts by field. */
import type { AdminApi } from "./api.ts";
import { print, type Output } from "./commands.ts";
import { table } from "./format.ts";

/** POST /v1/console/links: prints the one-time URL (10 minutes, single use). */
export async function consoleLink(api: AdminApi, role: string | undefined, o: Output): Promise<void> {
  const link = await api.call<{ url: string; expires_at: string }>("POST", "/v1/console/links", role ? { role } : {});
  print(o, link, () => `${link.url}\n(one use, valid until ${link.expires_at})\n`);
}

/** POST /v1/triage for alerts named ANALYZERID/MESSAGEID (the message id may contain '/'). */
export async function triage(api: AdminApi, r: { status: string; reason?: string; note?: string; alerts: string[] }, o: Output): Promise<void> {
  const alerts = r.alerts.map((s) => {
    const i = s.indexOf("/");
    if (i <= 0 || i === s.length - 1) throw new Error(`${JSON.stringify(s)} is not ANALYZERID/MESSAGEID`);
    return { analyzerid: s.slice(0, i), messageid: s.slice(i + 1) };
  });
  const res = await api.call<{ changed: number }>("POST", "/v1/triage", { status: r.status, reason: r.reason ?? null, note: r.note ?? null, alerts });
  print(o, res, () => `${res.changed} alert(s) now ${r.status}\n`);
}

/** GET /v1/alerts/counts: alerts per value of a field under the usual filters. */
export async function counts(api: AdminApi, field: string, filter: Record<string, string | undefined>, o: Output): Promise<void> {
  const q = new URLSearchParams({ field });
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, v);
  const res = await api.call<{ total: number; groups: Array<{ value: string | null; count: number }> }>("GET", `/v1/alerts/counts?${q}`);
  print(o, res, () => table([field.toUpperCase(), "ALERTS"], res.groups.map((g) => [g.value, String(g.count)])) + `total ${res.total}\n`);
}

const SEVERITY_COLUMNS = ["high", "medium", "low", "info", "unknown"] as const;
type Bucket = { start: number } & Record<(typeof SEVERITY_COLUMNS)[number], number>;

/** GET /v1/alerts/histogram: alerts per severity per time bucket under the usual filters. */
export async function histogram(api: AdminApi, filter: Record<string, string | undefined>, o: Output): Promise<void> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, v);
  const res = await api.call<{ bucket_ms: number; buckets: Bucket[] }>("GET", `/v1/alerts/histogram?${q}`);
  const rows = res.buckets.map((b) => [
    new Date(b.start).toISOString(),
    ...SEVERITY_COLUMNS.map((s) => String(b[s])),
    String(SEVERITY_COLUMNS.reduce((n, s) => n + b[s], 0)),
  ]);
  print(o, res, () => table(["BUCKET START", ...SEVERITY_COLUMNS.map((s) => s.toUpperCase()), "TOTAL"], rows) + `bucket ${res.bucket_ms / 1000} s\n`);
}

/** GET /v1/analyzers/:id/heartbeats: one analyzer's heartbeats, newest first, with what each tells. */
export async function heartbeats(api: AdminApi, analyzerid: string, p: { limit?: string; before?: string }, o: Output): Promise<void> {
  const q = new URLSearchParams();
  if (p.limit !== undefined) q.set("limit", p.limit);
  if (p.before !== undefined) q.set("before", p.before);
  type Item = { create_time: string; received_at: string; status: string | null; heartbeat_interval: number | null; events: string[] };
  const res = await api.call<{ heartbeats: Item[]; next: number | null }>("GET", `/v1/analyzers/${encodeURIComponent(analyzerid)}/heartbeats${q.size ? `?${q}` : ""}`);
  const rows = res.heartbeats.map((h) => [h.create_time, h.status, h.heartbeat_interval === null ? null : `${h.heartbeat_interval} s`, h.events.join(", ")]);
  print(o, res, () => table(["CREATED", "STATUS", "INTERVAL", "EVENTS"], rows) + (res.next === null ? "" : `older: --before ${res.next}\n`));
}
