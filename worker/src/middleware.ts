/** Cross-cutting middleware: the error shape. (Body limits are per route, in auth/body-limit.ts:
 *  a body is read only once its sender is authenticated.) */
import type { Context } from "hono";
import { Problem, problemResponse } from "./problem.ts";

export function onError(err: Error, c: Context): Response {
  if (err instanceof Problem) return problemResponse(c, err);
  // The server's own fault: 500 (the agent retries), logged with the detail kept out of the answer.
  console.error(`${c.req.method} ${c.req.path}:`, err);
  return problemResponse(c, new Problem(500, "internal", "the server failed to handle this request; it is safe to retry"));
}

export function notFound(c: Context): Response {
  return problemResponse(c, new Problem(404, "not-found", `no route for ${c.req.method} ${c.req.path}`));
}
