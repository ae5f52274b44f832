/** Stream types a consumer asks for and an admin may restrict a client to (clients.stream_types). */
import { Problem } from "../problem.ts";

export const STREAM_TYPES = ["alert", "heartbeat", "health"] as const;
export type StreamType = (typeof STREAM_TYPES)[number];

export function parseTypes(raw: string | undefined | null, what: string): StreamType[] | null {
  if (raw === undefined || raw === null || raw.trim() === "") return null;
  const out = new Set<StreamType>();
  for (const t of raw.split(/[\s,]+/).filter(Boolean)) {
    if (!(STREAM_TYPES as readonly string[]).includes(t)) {
      throw new Problem(400, "bad-stream-types", `${what}: unknown type ${JSON.stringify(t)} (types: ${STREAM_TYPES.join(", ")})`);
    }
    out.add(t as StreamType);
  }
  return out.size === 0 ? null : [...out];
}

/** What this client streams: the asked types (default all it may read); asking for a refused type is 403. */
export function effectiveTypes(asked: StreamType[] | null, allowed: StreamType[] | null, clientId: string): Set<StreamType> {
  const may = allowed ?? [...STREAM_TYPES];
  const want = asked ?? may;
  const refused = want.filter((t) => !may.includes(t));
  if (refused.length > 0) {
    throw new Problem(403, "stream-type", `client "${clientId}" may not stream ${refused.join(", ")} (allowed: ${may.join(", ") || "none"})`);
  }
  return new Set(want);
}
