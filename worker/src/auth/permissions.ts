/** Prelude's permissions (idmef:r/w, admin:r/w), checked per route after authentication. */
import type { MiddlewareHandler } from "hono";
import type { Permission } from "../../../schema/api.ts";
import type { AppEnv } from "../env.ts";
import { Problem } from "../problem.ts";
import { permissionsOf } from "../store/clients.ts";

/** Passes when the client holds at least one of `anyOf`. */
export function requirePermission(...anyOf: Permission[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const client = c.get("client");
    const held = permissionsOf(client);
    if (!anyOf.some((p) => held.includes(p))) {
      throw new Problem(403, "permission", `client "${client.id}" needs ${anyOf.join(" or ")} for ${c.req.method} ${new URL(c.req.url).pathname}`);
    }
    await next();
  };
}
