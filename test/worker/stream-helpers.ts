/** Stream consumer for tests: follows GET /v1/stream through its bookmarks. */
import { send, type TestClient } from "./helpers.ts";

export interface StreamEntry {
  type: string;
  analyzerid: string;
  messageid: string;
  received_at: string;
  message: { alert?: { messageid: string }; heartbeat?: { messageid: string } };
}

export interface StreamAnswer {
  messages: StreamEntry[];
  bookmark: string;
  more: boolean;
}

export async function streamPage(reader: TestClient, after: string, query = ""): Promise<StreamAnswer> {
  const res = await send(reader, "GET", `/v1/stream?after=${encodeURIComponent(after)}${query}`);
  if (res.status !== 200) throw new Error(`stream: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Reads to the current end; returns everything read and the bookmark to resume from. */
export async function drain(reader: TestClient, after: string, query = ""): Promise<{ entries: StreamEntry[]; bookmark: string }> {
  const entries: StreamEntry[] = [];
  let bookmark = after;
  for (;;) {
    const page = await streamPage(reader, bookmark, query);
    entries.push(...page.messages);
    bookmark = page.bookmark;
    if (!page.more) return { entries, bookmark };
  }
}
