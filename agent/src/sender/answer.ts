/** Reading the ingestion API's answers (SPEC 3): the 200 summary and RFC 9457 problems. */

export interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; messageid?: string; error: string }[];
}

/** The 200 body, or null when it is not the documented shape (then the whole batch counts as stored). */
export function parseIngestAnswer(text: string): IngestAnswer | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null) return null;
  const o = v as Record<string, unknown>;
  const rejected = Array.isArray(o.rejected)
    ? o.rejected
        .filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null)
        .map((r) => ({
          index: Number(r.index),
          messageid: typeof r.messageid === "string" ? r.messageid : undefined,
          error: typeof r.error === "string" ? r.error : JSON.stringify(r.error ?? "rejected"),
        }))
    : [];
  return {
    accepted: typeof o.accepted === "number" ? o.accepted : 0,
    duplicates: typeof o.duplicates === "number" ? o.duplicates : 0,
    rejected,
  };
}

/** One line for logs and dead-letters: "403 Forbidden: unknown client" from a problem+json body. */
export function describeAnswer(status: number, text: string): string {
  try {
    const p = JSON.parse(text) as Record<string, unknown>;
    const parts = [p.title, p.detail].filter((x): x is string => typeof x === "string" && x.length > 0);
    if (parts.length > 0) return `${status} ${parts.join(": ")}`;
  } catch {
    // not JSON: use the raw text
  }
  const raw = text.trim().slice(0, 200);
  return raw ? `${status} ${raw}` : `HTTP ${status}`;
}
