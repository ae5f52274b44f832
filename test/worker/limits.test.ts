import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { chunkRows, utf8Length } from "../../worker/src/store/alert-rows.ts";
import { limits } from "../../worker/src/limits.ts";

describe("limits and chunking", () => {
  it("reads limits from vars, with defaults, and refuses nonsense", () => {
    expect(limits({ DB: env.DB })).toMatchObject({ maxBodyBytes: 5 * 1024 * 1024, maxMessages: 1000, maxSkewSeconds: 300, maxMessageBytes: 65536 });
    expect(limits({ DB: env.DB, MAX_MESSAGE_BYTES: "1000" }).maxMessageBytes).toBe(1000);
    expect(() => limits({ DB: env.DB, MAX_MESSAGE_BYTES: "0" })).toThrow(/MAX_MESSAGE_BYTES/);
    expect(limits({ DB: env.DB }).quota).toEqual({ messages: 100_000, bytes: 256 * 1024 * 1024 });
    expect(limits({ DB: env.DB, QUOTA_MESSAGES_PER_DAY: "10", QUOTA_BYTES_PER_DAY: "2048" }).quota).toEqual({ messages: 10, bytes: 2048 });
    expect(() => limits({ DB: env.DB, QUOTA_BYTES_PER_DAY: "0" })).toThrow(/QUOTA_BYTES_PER_DAY/);
    expect(limits({ DB: env.DB, MAX_MESSAGES_PER_REQUEST: "50", MAX_BODY_BYTES: "1024" })).toMatchObject({ maxMessages: 50, maxBodyBytes: 1024 });
    expect(() => limits({ DB: env.DB, MAX_BODY_BYTES: "lots" })).toThrow(/MAX_BODY_BYTES/);
    expect(() => limits({ DB: env.DB, SIGNATURE_MAX_SKEW_SECONDS: "-1" })).toThrow(/SIGNATURE_MAX_SKEW_SECONDS/);
  });

  it("counts UTF-8 bytes and keeps every chunk under the byte budget", () => {
    for (const s of ["", "abc", "é", "€", "😀", "a€😀é"]) expect(utf8Length(s)).toBe(new TextEncoder().encode(s).byteLength);
    const rows = Array.from({ length: 100 }, (_, i) => [i, "€".repeat(i * 3)]);
    const chunks = chunkRows(rows, 2000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(new TextEncoder().encode(c).byteLength).toBeLessThanOrEqual(2000);
    expect(chunks.flatMap((c) => JSON.parse(c))).toEqual(rows);
  });
});
