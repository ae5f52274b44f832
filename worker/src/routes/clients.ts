/** GET/POST /v1/clients, DELETE /v1/clients/:id: list (admin:r), register and revoke (admin:w). */
import { Hono } from "hono";
import { ClientRegistrationSchema } from "../../../schema/api.ts";
import { normalizePublicKey } from "../../../schema/signature.ts";
import { requirePermission } from "../auth/permissions.ts";
import { healthConfig } from "../health/config.ts";
import type { AppEnv } from "../env.ts";
import { Problem } from "../problem.ts";
import { clientView, getClient, insertClient, listClients, revokeClient } from "../store/clients.ts";
import { parseJsonBody, requireJsonContentType } from "../validate/body.ts";

export function clientsRoutes() {
  return new Hono<AppEnv>()
    .get("/", requirePermission("admin:r"), async (c) => c.json({ clients: (await listClients(c.env.DB)).map(clientView) }))
    .post("/", requirePermission("admin:w"), async (c) => {
      requireJsonContentType(c.req.header("content-type"));
      const parsed = ClientRegistrationSchema.safeParse(parseJsonBody(c.get("rawBody")));
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
        throw new Problem(400, "bad-client", `bad client registration: ${issues.join("; ")}`);
      }
      const reg = parsed.data;
      // The health monitor's own analyzer id: a client sending as it could forge or pre-empt health alerts.
      if (reg.analyzer_id !== null && reg.analyzer_id === healthConfig(c.env).analyzerId) {
        throw new Problem(409, "analyzer-reserved", `analyzer "${reg.analyzer_id}" is the Worker's own health monitor`);
      }
      // An analyzer-bound key lives on a monitored host: if that host is rooted, admin rights on
      // the key would let the intruder revoke the other agents or read every alert.
      const admin = reg.permissions.filter((p) => p.startsWith("admin:"));
      if (reg.analyzer_id !== null && admin.length > 0 && !reg.force) {
        throw new Problem(
          409,
          "admin-on-analyzer",
          `client "${reg.client_id}" is bound to analyzer "${reg.analyzer_id}" and would get ${admin.join(", ")}: an agent's key on a monitored ` +
            `host should not administer the fleet. Register a separate operator client, or send "force": true to do it anyway`,
        );
      }
      let publicKey: string;
      try {
        publicKey = await normalizePublicKey(reg.public_key);
      } catch (e) {
        throw new Problem(400, "bad-public-key", `public_key: ${(e as Error).message}`);
      }
      const outcome = await insertClient(c.env.DB, {
        id: reg.client_id,
        name: reg.name,
        publicKey,
        analyzerId: reg.analyzer_id,
        permissions: reg.permissions,
        now: c.get("now"),
      });
      if (outcome === "exists") throw new Problem(409, "client-exists", `client id "${reg.client_id}" is taken (revoked ids stay taken)`);
      if (outcome === "analyzer-taken") {
        throw new Problem(409, "analyzer-taken", `analyzer "${reg.analyzer_id}" already belongs to an active client; revoke it first`);
      }
      return c.json(clientView((await getClient(c.env.DB, reg.client_id))!), 201);
    })
    .delete("/:id", requirePermission("admin:w"), async (c) => {
      const row = await revokeClient(c.env.DB, c.req.param("id"), c.get("now"));
      if (!row) throw new Problem(404, "not-found", `no client "${c.req.param("id")}"`);
      return c.json(clientView(row));
    });
}
