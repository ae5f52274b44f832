/** Requests to the Worker's app with vars of the test's choosing (a quota of 30, a webhook URL),
 *  signed like the agent signs them; D1 is the real local one. Waits for the request's
 *  background work (waitUntil) before resolving. */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { signRequest } from "../../schema/signature.ts";
import type { Env } from "../../worker/src/env.ts";
import type { HealthEnv } from "../../worker/src/health/config.ts";
import { app } from "../../worker/src/index.ts";
import { BASE, type TestClient } from "./helpers.ts";

export type Vars = Partial<Omit<Env & HealthEnv, "DB">>;

export async function sendWithVars(vars: Vars, client: TestClient, method: string, path: string, body?: string): Promise<Response> {
  const url = BASE + path;
  const contentType = body !== undefined ? "application/json" : undefined;
  const headers = await signRequest({ method, url, body, contentType, keyId: client.id, privateKey: client.privateKey });
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(url, { method, headers, body }), { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export const postWithVars = (vars: Vars, client: TestClient, messages: unknown) =>
  sendWithVars(vars, client, "POST", "/v1/messages", JSON.stringify(messages));
