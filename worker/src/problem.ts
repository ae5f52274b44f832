/**
 * RFC 9457 problem details. Handlers throw `Problem`; the app's onError turns it into an
 * `application/problem+json` response, so every layer can refuse a request in one line.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  /** Short machine-readable slug; becomes the problem `type` URI. */
  readonly code: string;
  readonly extensions: Record<string, unknown>;
  /** Extra response headers, e.g. Retry-After on a 429. */
  readonly headers: Record<string, string>;
  constructor(status: ContentfulStatusCode, code: string, detail: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(detail);
    this.status = status;
    this.code = code;
    this.extensions = extensions;
    this.headers = headers;
  }
  body(): ProblemBody {
    return {
      type: `urn:idmef-edge:problem:${this.code}`,
      title: TITLES[this.status] ?? "Error",
      status: this.status,
      detail: this.message,
      ...this.extensions,
    };
  }
}

export function problemResponse(c: Context, p: Problem): Response {
  return c.body(JSON.stringify(p.body()), p.status, { ...p.headers, "content-type": "application/problem+json" });
}
