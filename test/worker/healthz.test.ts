import { env, SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("GET /healthz answers without auth", async () => {
  const res = await SELF.fetch("https://api.test/healthz");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
});

it("runs against a real local D1 with migrations applied", async () => {
  const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{ name: string }>();
  const names = results.map((r) => r.name);
  for (const t of ["alerts", "analyzers", "clients", "heartbeats", "seen_nonces"]) expect(names).toContain(t);
});
