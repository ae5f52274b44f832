import { env, SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("GET /healthz answers without auth", async () => {
  const res = await SELF.fetch("https://api.test/healthz");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
});

it("runs against a real local D1 with migrations applied", async () => {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'meta'").first<{ n: number }>();
  expect(row?.n).toBe(1);
});
