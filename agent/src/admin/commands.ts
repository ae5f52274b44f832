/** The API commands of idmef-admin: each one signed request (alerts --all: one per page). */
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import type { AlertsPage, AnalyzerView, ClientView } from "../../../schema/api.ts";
import type { AdminApi } from "./api.ts";
import { safeJson, table, visible } from "./format.ts";

export interface Output {
  json: boolean;
  out: (s: string) => void;
}

/** JSON or the human text; every server string in `human` goes through table() or visible(). */
export const print = (o: Output, value: unknown, human: () => string) => o.out(o.json ? safeJson(value) + "\n" : human());

export interface RegisterOptions {
  clientId: string;
  analyzerId: string | null;
  /** A key file (PEM SPKI or raw base64url) or the key itself. */
  publicKey: string;
  permissions: string[];
  name: string;
  /** Allow admin:* on a client bound to an analyzer (sent as `"force": true`). */
  force?: boolean;
}

async function readKey(arg: string): Promise<string> {
  if (/^[A-Za-z0-9_-]{43}$/.test(arg) || arg.startsWith("-----BEGIN")) return arg;
  if (existsSync(arg)) return (await readFile(arg, "utf8")).trim();
  throw new Error(`--public-key ${JSON.stringify(arg)} is neither a key (43 base64url characters or PEM) nor a readable file`);
}

export async function register(api: AdminApi, r: RegisterOptions, o: Output): Promise<void> {
  const admin = r.permissions.filter((p) => p.startsWith("admin:"));
  if (r.analyzerId !== null && admin.length > 0 && !r.force) {
    // That key lives on a monitored host: whoever roots the host could then revoke or replace
    // every other client. The server refuses it too unless the request says force.
    throw new Error(
      `refusing to give ${admin.join(" ")} to ${r.clientId}, a client bound to analyzer ${r.analyzerId}: ` +
        `its key sits on a monitored host, which could then manage every client. Use --force if you mean it.`,
    );
  }
  const client = await api.call<ClientView>("POST", "/v1/clients", {
    client_id: r.clientId,
    name: r.name,
    analyzer_id: r.analyzerId,
    public_key: await readKey(r.publicKey),
    permissions: r.permissions,
    // Only when given: a server without the flag in its schema keeps accepting ordinary requests.
    ...(r.force ? { force: true } : {}),
  });
  print(o, client, () => `registered ${visible(client.client_id)} (analyzer ${visible(client.analyzer_id ?? "-")}, ${visible(client.permissions.join(" "))})\n`);
}

export async function revoke(api: AdminApi, id: string, o: Output): Promise<void> {
  const client = await api.call<ClientView>("DELETE", `/v1/clients/${encodeURIComponent(id)}`);
  print(o, client, () => `revoked ${visible(client.client_id)} at ${visible(String(client.revoked_at))}\n`);
}

export async function list(api: AdminApi, o: Output): Promise<void> {
  const { clients } = await api.call<{ clients: ClientView[] }>("GET", "/v1/clients");
  print(o, { clients }, () =>
    table(
      ["CLIENT", "NAME", "ANALYZER", "PERMISSIONS", "CREATED", "STATUS"],
      clients.map((c) => [c.client_id, c.name, c.analyzer_id, c.permissions.join(" "), c.created_at, c.revoked_at ? `revoked ${c.revoked_at}` : "active"]),
    ),
  );
}

export interface AlertFilters {
  analyzerid?: string;
  classification?: string;
  severity?: string;
  completion?: string;
  since?: string;
  until?: string;
  limit?: string;
  cursor?: string;
  /** Follow the cursor to the last page. */
  all: boolean;
}

export async function alerts(api: AdminApi, f: AlertFilters, o: Output): Promise<void> {
  const { all, ...rest } = f;
  const params = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Record<string, string>;
  const collected: AlertsPage["alerts"] = [];
  let cursor: string | null = params.cursor ?? null;
  do {
    const q = new URLSearchParams({ ...params, ...(cursor ? { cursor } : {}) });
    const qs = q.toString();
    const page = await api.call<AlertsPage>("GET", `/v1/alerts${qs ? `?${qs}` : ""}`);
    collected.push(...page.alerts);
    cursor = page.cursor;
  } while (all && cursor);
  print(o, { alerts: collected, cursor }, () =>
    table(
      ["DETECT TIME", "SEVERITY", "CLASSIFICATION", "ANALYZER", "TARGET", "MESSAGEID"],
      collected.map((a) => [a.detect_time, a.severity, a.classification, a.analyzerid, [a.target_user, a.target_node, a.target_process ?? a.target_file].filter(Boolean).join(" "), a.messageid]),
    ) + (cursor ? `more: --cursor ${visible(cursor)}\n` : ""),
  );
}

export async function analyzers(api: AdminApi, o: Output): Promise<void> {
  const { analyzers } = await api.call<{ analyzers: AnalyzerView[] }>("GET", "/v1/analyzers");
  print(o, { analyzers }, () =>
    table(
      ["ANALYZER", "NAME", "NODE", "HEALTH", "STATUS", "LAST HEARTBEAT", "INTERVAL", "COUNTERS"],
      analyzers.map((a) => [
        a.analyzerid,
        a.name,
        a.node_name,
        (a.health as string | null | undefined) ?? null,
        a.status,
        a.last_heartbeat_at,
        a.heartbeat_interval === null ? null : `${a.heartbeat_interval}s`,
        a.counters ? Object.entries(a.counters).map(([k, v]) => `${k}=${v}`).join(" ") : null,
      ]),
    ),
  );
}
