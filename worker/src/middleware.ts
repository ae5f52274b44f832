/** Cross-cutting middleware: body size limit (configurable per deployment) and the error shape. */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./env.ts";
import { limits } from "./limits.ts";
import { Problem, problemResponse } from "./problem.ts";

/** Hono's bodyLimit with the size from MAX_BODY_BYTES; 413 problem+json beyond it. */
export function limitBody(): MiddlewareHandler<AppEnv> {
  const bySize = new Map<number, MiddlewareHandler>();
  return (c, next) => {
    const max = limits(c.env).maxBodyBytes;
    let mw = bySize.get(max);
    if (!mw) {
      mw = bodyLimit({
        maxSize: max,
        onError: (c) => problemResponse(c, new Problem(413, "body-too-large", `the request body is over the ${max}-byte limit`)),
      });
      bySize.set(max, mw);
    }
    return mw(c, next);
  };
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof Problem) return problemResponse(c, err);
  // The server's own fault: 500 (the agent retries), logged with the detail kept out of the answer.
  console.error(`${c.req.method} ${c.req.path}:`, err);
  return problemResponse(c, new Problem(500, "internal", "the server failed to handle this request; it is safe to retry"));
}

export function notFound(c: Context): Response {
  return problemResponse(c, new Problem(404, "not-found", `no route for ${c.req.method} ${c.req.path}`));
}
