/**
 * End-to-end helpers on the agent side: a host directory with key + config, the agent as a child
 * process fed on stdin, and `replay` as the reference for which alerts a log must produce.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const REPO = resolve(import.meta.dirname, "../../..");
export const AGENT = join(REPO, "agent/bin/idmef-agent.mjs");
const run = promisify(execFile);

export interface AgentHost {
  dir: string;
  configFile: string;
  spoolDir: string;
  analyzerId: string;
  clientId: string;
  publicKey: string;
  /** Rewrite the config (e.g. another server URL); the key and spool stay. */
  writeConfig(overrides?: Record<string, string | number>): void;
}

/** keygen into DIR/etc, then an agent.conf pointing at `server`, spool in DIR/spool. */
export async function makeAgentHost(dir: string, server: string, overrides: Record<string, string | number> = {}): Promise<AgentHost> {
  const etc = join(dir, "etc");
  mkdirSync(etc, { recursive: true });
  const { stdout } = await run(process.execPath, [AGENT, "keygen", "--dir", etc, "--json"]);
  const ids = JSON.parse(stdout) as { analyzer_id: string; client_id: string; public_key: string };
  const configFile = join(etc, "agent.conf");
  const spoolDir = join(dir, "spool");
  const host: AgentHost = {
    dir,
    configFile,
    spoolDir,
    analyzerId: ids.analyzer_id,
    clientId: ids.client_id,
    publicKey: ids.public_key,
    writeConfig(more = {}) {
      const settings: Record<string, string | number> = {
        server,
        analyzer_id: ids.analyzer_id,
        key_file: join(etc, "agent.key"),
        spool_dir: spoolDir,
        heartbeat_interval: 600,
        batch_linger_ms: 50,
        batch_max_messages: 100,
        shutdown_timeout_ms: 5000,
        retry_max_delay_ms: 1000,
        node_name: "e2e-host",
        ...overrides,
        ...more,
      };
      writeFileSync(configFile, Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join("\n") + "\n");
    },
  };
  host.writeConfig();
  return host;
}

export interface RunningAgent {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

export function startAgent(configFile: string): RunningAgent {
  const child = spawn(process.execPath, [AGENT, "run", "--config", configFile], { stdio: ["pipe", "pipe", "pipe"] });
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  child.stdout.resume();
  // A killed agent closes its stdin: writes after that must not crash the test.
  child.stdin.on("error", () => {});
  const exited = new Promise<number | string>((r) => child.on("exit", (code, signal) => r(code ?? signal ?? -1)));
  return { child, stderr: () => err, exited };
}

/** Write text to the agent's stdin, honouring back-pressure; resolves once the pipe took it all. */
export async function feed(agent: RunningAgent, text: string | Buffer, chunkBytes = 64 * 1024): Promise<void> {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < buf.length; i += chunkBytes) {
    const ok = agent.child.stdin.write(buf.subarray(i, i + chunkBytes));
    if (!ok) await new Promise((r) => agent.child.stdin.once("drain", r));
  }
}

/** The message ids `replay` prints for a log under this config: what the server must end up with. */
export async function replayAlertIds(logFile: string, configFile: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [AGENT, "replay", logFile, "--config", configFile], { maxBuffer: 1 << 30 });
  return stdout
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => (JSON.parse(l) as { alert: { messageid: string } }).alert.messageid);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
