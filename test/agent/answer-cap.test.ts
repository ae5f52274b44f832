/**
 * The agent never buffers an answer without bound: a real local HTTP server that answers with an
 * endless body gets its connection dropped; the sender keeps the batch and retries, `check` fails
 * (and shows a refusing server's text escaped).
 */
import { execFile } from "node:child_process";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { LANE_ALERT, Spool } from "../../agent/src/spool/spool.ts";
import { DeadLetterFile } from "../../agent/src/spool/dead-letter.ts";
import { Sender } from "../../agent/src/sender/sender.ts";
import { makeSigner } from "../../agent/src/sender/sign.ts";
import { AnswerTooLarge, MAX_ANSWER_BYTES, answerLimit, readCapped } from "../../agent/src/sender/read-capped.ts";
import { generateKeyPair } from "../../schema/signature.ts";
import { AGENT, waitFor } from "../e2e/lib/agent.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "answer-cap-"));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** Streams JSON-looking bytes until the client hangs up (no Content-Length); counts what it wrote. */
function endless(res: ServerResponse, stats: { written: number; hungUp: number }): void {
  res.writeHead(200, { "content-type": "application/json" });
  const chunk = Buffer.alloc(64 * 1024, "[");
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) {
      stats.written += chunk.length;
      // 256 MB: a runaway test, not an agent that stopped reading.
      if (stats.written > 256 * 1024 * 1024) return res.end();
    }
  };
  res.on("drain", pump);
  res.on("close", () => stats.hungUp++);
  pump();
}

/** A server on 127.0.0.1 whose answers are chosen per request. */
async function server(answer: (res: ServerResponse, body: Buffer) => void): Promise<string> {
  const srv = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => answer(res, Buffer.concat(chunks)));
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  cleanups.push(async () => {
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
  });
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

describe("readCapped", () => {
  it("reads up to the cap, refuses a declared or streamed body over it", async () => {
    expect(await readCapped(Readable.from([Buffer.from("ab"), Buffer.from("c")]), {}, 3)).toBe("abc");
    await expect(readCapped(Readable.from([Buffer.from("ab"), Buffer.from("cd")]), {}, 3)).rejects.toThrow(AnswerTooLarge);
    const unread = Readable.from([Buffer.from("x")]);
    await expect(readCapped(unread, { "content-length": String(MAX_ANSWER_BYTES + 1) })).rejects.toThrow(/over the 65536-byte limit/);
    expect(unread.destroyed).toBe(true);
    expect(answerLimit(100)).toBe(MAX_ANSWER_BYTES + 100 * 2048);
  });
});

describe("an endless answer", () => {
  it("is dropped by the sender, which keeps the batch spooled and delivers it once answers are sane", async () => {
    const stats = { written: 0, hungUp: 0 };
    let flood = true;
    const url = await server((res, body) => {
      if (flood) return endless(res, stats);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ accepted: (JSON.parse(body.toString()) as unknown[]).length, duplicates: 0, rejected: [] }));
    });
    const dir = tempDir();
    const spool = new Spool({ dir, maxBytes: 1e8, overflowAction: "drop_newest", commitIntervalMs: 5, onCommit: () => sender.wake() });
    const pair = await generateKeyPair();
    const sender: Sender = new Sender({
      spool,
      deadLetters: new DeadLetterFile(join(dir, "dead-letter.jsonl")),
      server: url,
      sign: makeSigner("client-1", pair.privateKey),
      batchMaxMessages: 10,
      batchMaxBytes: 1e6,
      batchLingerMs: 5,
      backoff: { baseMs: 20, capMs: 100 },
    });
    sender.start();
    cleanups.push(async () => {
      await sender.stop();
      await spool.close();
    });
    for (let i = 0; i < 3; i++) spool.append(LANE_ALERT, JSON.stringify({ version: "1.0", alert: { messageid: `m${i}` } }));

    await waitFor("three refused answers", async () => stats.hungUp >= 3, 20_000, 10);
    const c = sender.counters();
    expect(c.lastError).toMatch(/over the \d+-byte limit/);
    expect(c.stored).toBe(0);
    expect(c.deadLettered).toBe(0);
    expect(spool.counters().depth + spool.counters().pending).toBe(3);
    // Dropped near the cap: socket buffers hold a few MB at most, not the 256 MB on offer.
    expect(stats.written / stats.hungUp).toBeLessThan(16 * 1024 * 1024);

    flood = false;
    await waitFor("delivery", async () => sender.counters().stored === 3, 20_000, 10);
    expect(sender.counters().deadLettered).toBe(0);
  });

  it("makes `idmef-agent check` fail with the limit, not hang or grow", async () => {
    const stats = { written: 0, hungUp: 0 };
    const url = await server((res) => endless(res, stats));
    const dir = tempDir();
    await promisify(execFile)(process.execPath, [AGENT, "keygen", "--dir", dir, "--json"]);
    const conf = join(dir, "agent.conf");
    writeFileSync(conf, `server = ${url}\nkey_file = ${join(dir, "agent.key")}\nspool_dir = ${join(dir, "spool")}\n`);
    const r = await promisify(execFile)(process.execPath, [AGENT, "check", "--config", conf]).catch((e: { code: number; stdout: string }) => e);
    expect("code" in r ? r.code : 0).toBe(1);
    expect(r.stdout).toMatch(/^FAIL server +http:\/\/127\.0\.0\.1:\d+\/v1\/messages: answer of more than \d+ bytes is over the 65536-byte limit$/m);
    expect(stats.hungUp).toBe(1);
  });

  it("`check` shows a refusing server's text with control characters escaped", async () => {
    const url = await server((res) => res.writeHead(400, { "content-type": "application/problem+json" }).end(JSON.stringify({ title: "Bad \x1b[2J\x1b]52;c;eA==\x07" })));
    const dir = tempDir();
    await promisify(execFile)(process.execPath, [AGENT, "keygen", "--dir", dir, "--json"]);
    const conf = join(dir, "agent.conf");
    writeFileSync(conf, `server = ${url}\nkey_file = ${join(dir, "agent.key")}\nspool_dir = ${join(dir, "spool")}\n`);
    const r = await promisify(execFile)(process.execPath, [AGENT, "check", "--config", conf]).catch((e: { code: number; stdout: string }) => e);
    expect(r.stdout).toContain(String.raw`400 Bad \x1b[2J\x1b]52;c;eA==\x07`);
    expect(r.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
  });
});
