/** Worker test helpers: real keys, real signatures, real local D1 — no mocks. */
import { env, SELF } from "cloudflare:test";
import type { Permission } from "../../schema/api.ts";
import { exportPublicKeyRaw, generateKeyPair, signRequest, type CryptoKey } from "../../schema/signature.ts";

export const BASE = "https://api.test";
let seq = 0;
export const uniq = (p: string) => `${p}-${Date.now().toString(36)}-${++seq}`;

export interface TestClient {
  id: string;
  analyzerId: string | null;
  privateKey: CryptoKey;
  publicKey: string;
}

/** A client inserted straight into D1 (the bootstrap path idmef-admin init takes too). */
export async function makeClient(permissions: Permission[], opts: { analyzerId?: string | null } = {}): Promise<TestClient> {
  const kp = await generateKeyPair();
  const publicKey = await exportPublicKeyRaw(kp.publicKey);
  const id = uniq("client");
  const analyzerId = opts.analyzerId === undefined ? uniq("analyzer") : opts.analyzerId;
  await env.DB.prepare("INSERT INTO clients (id, name, public_key, analyzer_id, permissions, created_at) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(id, "test", publicKey, analyzerId, permissions.join(" "), Date.now())
    .run();
  return { id, analyzerId, privateKey: kp.privateKey, publicKey };
}

export interface SendOptions {
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  created?: number;
  nonce?: string;
  /** Sign with this key instead of the client's. */
  signWith?: CryptoKey;
  /** Change headers after signing (tampering). */
  tamper?: (h: Headers) => void;
  /** Send this body instead of the signed one. */
  sendBody?: string;
}

export async function send(client: TestClient, method: string, path: string, o: SendOptions = {}): Promise<Response> {
  const url = BASE + path;
  const contentType = o.body !== undefined ? (o.contentType ?? "application/json") : undefined;
  const signed = await signRequest({
    method,
    url,
    body: o.body,
    contentType,
    keyId: client.id,
    privateKey: o.signWith ?? client.privateKey,
    created: o.created,
    nonce: o.nonce,
  });
  const headers = new Headers(signed);
  o.tamper?.(headers);
  return SELF.fetch(url, { method, headers, body: o.sendBody ?? o.body });
}

export const postMessages = (client: TestClient, messages: unknown, o: SendOptions = {}) =>
  send(client, "POST", "/v1/messages", { body: JSON.stringify(messages), ...o });

export function alert(analyzerid: string, i = 0, over: Record<string, unknown> = {}) {
  const t = new Date(Date.UTC(2026, 10, 20, 12, 0, i % 60, 0)).toISOString().replace("Z", "+00:00");
  return {
    version: "1.0",
    alert: {
      messageid: over.messageid ?? uniq(`m${i}`),
      analyzer: [{ analyzerid, name: "idmef-agent", model: "idmef-edge agent", class: "HIDS", node: { name: "host-a" } }],
      create_time: t,
      detect_time: t,
      classification: { text: (over.classification as string) ?? "Failed login" },
      assessment: { impact: { severity: (over.severity as string) ?? "medium", completion: "failed", type: "user" } },
      source: [{ node: { address: [{ category: "ipv4-addr", address: "203.0.113.7" }] } }],
      target: [
        {
          node: { name: "host-a" },
          user: { user_id: [{ type: "target-user", name: "root", number: 0 }] },
          process: { name: "sshd", pid: 1234, path: "/usr/sbin/sshd" },
          file: [{ name: "shadow", path: "/etc/shadow", category: "current" }],
        },
      ],
      additional_data: [{ meaning: "audit serial", type: "integer", data: 1000 + i }],
    },
  };
}

export function heartbeat(analyzerid: string, status: string, createMs: number, counters: Record<string, number> = {}) {
  return {
    version: "1.0",
    heartbeat: {
      messageid: uniq("hb"),
      analyzer: [{ analyzerid, name: "idmef-agent", node: { name: "host-a" } }],
      create_time: new Date(createMs).toISOString().replace("Z", "+00:00"),
      heartbeat_interval: 600,
      additional_data: [
        { meaning: "Analyzer status", type: "string", data: status },
        ...Object.entries(counters).map(([meaning, data]) => ({ meaning, type: "integer", data })),
      ],
    },
  };
}

export interface Counts {
  alerts: number;
  heartbeats: number;
  analyzers: number;
  clients: number;
  nonces: number;
}

export async function counts(): Promise<Counts> {
  const row = await env.DB.prepare(
    `SELECT (SELECT count(*) FROM alerts) AS alerts, (SELECT count(*) FROM heartbeats) AS heartbeats,
            (SELECT count(*) FROM analyzers) AS analyzers, (SELECT count(*) FROM clients) AS clients,
            (SELECT count(*) FROM seen_nonces) AS nonces`,
  ).first<Counts>();
  return row!;
}

/** Rows a refused request must not have added (a refused but authenticated request may record its nonce). */
export async function expectNothingStored(before: Counts): Promise<void> {
  const after = await counts();
  const { nonces: _a, ...a } = after;
  const { nonces: _b, ...b } = before;
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`rows changed: ${JSON.stringify(b)} → ${JSON.stringify(a)}`);
}

export async function problem(res: Response): Promise<{ status: number; type: string; detail: string; reason?: string }> {
  if (res.headers.get("content-type") !== "application/problem+json") {
    throw new Error(`expected problem+json, got ${res.headers.get("content-type")}: ${await res.text()}`);
  }
  return res.json();
}
