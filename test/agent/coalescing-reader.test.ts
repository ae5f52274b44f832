import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CoalescingReader } from "../../agent/src/io/coalescing-reader.ts";

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

async function readAll(r: CoalescingReader): Promise<{ text: string; chunks: number }> {
  let text = "";
  let chunks = 0;
  for await (const c of r) {
    text += (c as Buffer).toString();
    chunks++;
  }
  return { text, chunks };
}

describe("CoalescingReader (the plugin's stdin on a pipe)", () => {
  it("delivers every byte in order and ends at EOF", async () => {
    const { text } = await readAll(new CoalescingReader(fifoWriter(500, 0), { coalesceMs: 5 }));
    expect(text).toBe(Array.from({ length: 500 }, (_, i) => `record ${i}\n`).join(""));
  });

  it("gathers records written one by one into few reads", async () => {
    // 40 writes 10 ms apart over ~0.4 s; read every 150 ms → a handful of chunks, not 40
    const { text, chunks } = await readAll(new CoalescingReader(fifoWriter(40, 0.01), { coalesceMs: 150 }));
    expect(text.split("\n").filter(Boolean)).toHaveLength(40);
    expect(chunks).toBeLessThanOrEqual(12);
  });
});
