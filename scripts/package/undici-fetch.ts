/**
 * The one undici call idmef-admin makes (`request`), over Node's built-in fetch, for the
 * standalone idmef-admin.mjs (scripts/build-agent.mjs --standalone): undici 8 itself needs
 * Node >= 22.19, while fetch is in every Node >= 18, so operators' workstations need no
 * particular Node. The agent keeps the real undici (connection pool, back-pressure).
 */
interface RequestOptions {
  method: string;
  headers: Record<string, string>;
  body?: string;
  headersTimeout?: number;
  bodyTimeout?: number;
}

export async function request(url: string, o: RequestOptions): Promise<{ statusCode: number; body: { text(): Promise<string> } }> {
  const timeoutMs = (o.headersTimeout ?? 30_000) + (o.bodyTimeout ?? 30_000);
  const res = await fetch(url, { method: o.method, headers: o.headers, body: o.body, signal: AbortSignal.timeout(timeoutMs) });
  return { statusCode: res.status, body: { text: () => res.text() } };
}
