import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Readable } from "node:stream";
import { CoalescingReader, CoalescingSocketReader } from "../../agent/src/io/coalescing-reader.ts";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A FIFO (what auditd gives its plugins) written by a shell, one write per line, `pause` s apart. */
function fifoWriter(lines: number, pause: number): number {
  dir = mkdtempSync(join(tmpdir(), "coalesce-"));
  const fifo = join(dir, "pipe");
  execFileSync("mkfifo", [fifo]);
  spawn("sh", ["-c", `i=0; while [ $i -lt ${lines} ]; do echo "record $i"; i=$((i+1)); ${pause > 0 ? `sleep ${pause};` : ""} done > ${fifo}`], { stdio: "ignore" });
  return openSync(fifo, "r"); // returns once the writer has opened its end
}

async function readAll(r: Readable): Promise<{ text: string; chunks: number }> {
  let text = "";
  let chunks = 0;
  for await (const c of r) {
    text += (c as Buffer).toString();
    chunks++;
  }
  return { text, chunks };
}

const readers = {
  CoalescingSocketReader: (fd: number, coalesceMs: number) => new CoalescingSocketReader(fd, { coalesceMs }),
  CoalescingReader: (fd: number, coalesceMs: number) => new CoalescingReader(fd, { coalesceMs }),
};

describe.each(Object.entries(readers))("%s (the plugin's stdin)", (_name, make) => {
  it("delivers every byte in order and ends at EOF", async () => {
    const { text } = await readAll(make(fifoWriter(500, 0), 5));
    expect(text).toBe(Array.from({ length: 500 }, (_, i) => `record ${i}\n`).join(""));
  });

  it("gathers records written one by one into few reads", async () => {
    // 40 writes 10 ms apart over ~0.4 s; read every 150 ms → a handful of chunks, not 40
    const { text, chunks } = await readAll(make(fifoWriter(40, 0.01), 150));
    expect(text.split("\n").filter(Boolean)).toHaveLength(40);
    expect(chunks).toBeLessThanOrEqual(12);
  });
});
