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
