import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { AGENT, makeAgentHost, waitFor } from "../e2e/lib/agent.ts";

it("idmef-agent --help prints usage", () => {
  const out = execFileSync(process.execPath, ["agent/bin/idmef-agent.mjs", "--help"], { encoding: "utf8" });
  expect(out).toMatch(/usage: idmef-agent/);
});

it("the plugin's spool and dead-letter files are private under an inherited umask 000", async () => {
  // Every request is refused as invalid, so the `starting` heartbeat lands in the dead-letter file.
  const server = createServer((req, res) => req.resume().on("end", () => res.writeHead(400, { "content-type": "application/problem+json" }).end('{"title":"no"}')));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const dir = mkdtempSync(join(tmpdir(), "umask-"));
  try {
    const host = await makeAgentHost(dir, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const agent = spawn("sh", ["-c", `umask 000; exec "$0" "$1" run --config "$2"`, process.execPath, AGENT, host.configFile], { stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    agent.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const deadLetters = join(host.spoolDir, "dead-letter.jsonl");
    await waitFor(`a dead-letter (agent stderr: ${stderr})`, async () => existsSync(deadLetters), 20_000, 50);
    agent.stdin.end();
    await new Promise((r) => agent.once("exit", r));
    expect(statSync(host.spoolDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(host.spoolDir);
    expect(files).toContain("dead-letter.jsonl");
    expect(files.some((f) => f !== "dead-letter.jsonl")).toBe(true); // the SQLite spool
    for (const f of files) expect([f, statSync(join(host.spoolDir, f)).mode & 0o777]).toEqual([f, 0o600]);
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
