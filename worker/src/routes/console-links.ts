/**
 * POST /v1/console/links (admin:w): a one-time console login link for the embedded default
 * (CONSOLE_AUTH=link). The session it opens acts as `link:<admin client id>` with the requested
 * role (default admin). Where Access guards the console (the default) links are refused: 409.
 */
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../auth/permissions.ts";
import { consoleConfig, ROLES } from "../console/config.ts";
import { createLoginLink } from "../console/auth/sessions.ts";
import type { AppEnv } from "../env.ts";
import { Problem } from "../problem.ts";
import { jsonBody, parseQuery } from "./request.ts";

const LinkRequest = z.strictObject({ role: z.enum(ROLES).default("admin") });

export function consoleLinksRoutes() {
  return new Hono<AppEnv>().post("/", requirePermission("admin:w"), async (c) => {
    if (consoleConfig(c.env).mode !== "link") throw new Problem(409, "console-link-disabled", "the console signs in through Cloudflare Access here (CONSOLE_AUTH=access)");
    const { role } = parseQuery(LinkRequest, jsonBody(c.get("rawBody"), {}), "console link request");
    const { token, expiresAt } = await createLoginLink(c.env.DB, { identity: `link:${c.get("client").id}`, role }, c.get("now"));
    const url = `${new URL(c.req.url).origin}/console/login?token=${encodeURIComponent(token)}`;
    return c.json({ url, expires_at: new Date(expiresAt).toISOString() }, 201);
  });
}
