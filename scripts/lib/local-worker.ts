/**
 * The real Worker on local workerd: `wrangler d1 migrations apply --local` into a persist dir,
 * then `wrangler dev` on 127.0.0.1 with that same dir, so D1 state is shared with anything else
 * pointed at it (`wrangler d1 execute --persist-to DIR`, `idmef-admin init --local --persist-to`).
 * Used by end-to-end tests, `npm start` and `npm run bench:worker`.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WRANGLER = fileURLToPath(new URL("../../node_modules/.bin/wrangler", import.meta.url));

export interface LocalWorkerOptions {
  /** Directory for local D1 (and other) state; created if missing. */
  persistDir: string;
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Worker vars (wrangler `--var KEY:VALUE`), e.g. SIGNATURE_MAX_SKEW_SECONDS. */
  vars?: Record<string, string>;
  /** Forward wrangler's output here (default: kept, shown only if start-up fails). */
  log?: (chunk: string) => void;
  /** Start-up deadline, ms (default 90 s: the first run bundles the Worker). */
  timeoutMs?: number;
}

export interface LocalWorker {
  /** Base URL, e.g. http://127.0.0.1:8787 (no trailing slash). */
  url: string;
  port: number;
  persistDir: string;
  /** Process group of wrangler dev and its workerd (for CPU accounting; stop() ends it). */
  pgid: number;
  /** Stops wrangler dev and its workerd; resolves when they have exited. */
  stop(): Promise<void>;
}

/** Environment for wrangler child processes: no prompts, no metrics, no update checks. */
export function wranglerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", NO_UPDATE_NOTIFIER: "1", FORCE_COLOR: "0" };
}

/** `wrangler d1 migrations apply DB --local --persist-to DIR` (idempotent). */
export async function applyLocalMigrations(persistDir: string): Promise<void> {
  mkdirSync(persistDir, { recursive: true });
  try {
    await promisify(execFile)(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], {
      cwd: REPO_ROOT,
      env: wranglerEnv(),
      maxBuffer: 1 << 24,
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`applying D1 migrations failed: ${err.message}\n${err.stdout ?? ""}${err.stderr ?? ""}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, deadline: number, output: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`wrangler dev exited (${child.exitCode ?? child.signalCode}) before serving:\n${output()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not answer ${url}/healthz in time:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startLocalWorker(o: LocalWorkerOptions): Promise<LocalWorker> {
  await applyLocalMigrations(o.persistDir);
  const port = o.port ?? (await freePort());
  const args = [
    "dev",
    "--ip", "127.0.0.1",
    "--port", String(port),
    "--persist-to", o.persistDir,
    "--inspector-port", String(await freePort()),
    "--show-interactive-dev-session=false",
    "--test-scheduled", // GET /__scheduled runs the cron handler (health) on demand
  ];
  for (const [k, v] of Object.entries(o.vars ?? {})) args.push("--var", `${k}:${v}`);
  // Own process group, so stop() ends wrangler and the workerd it spawned together.
  const child = spawn(WRANGLER, args, { cwd: REPO_ROOT, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const collect = (d: Buffer) => {
    const s = d.toString();
    if (o.log) o.log(s);
    else output = (output + s).slice(-20_000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child, Date.now() + (o.timeoutMs ?? 90_000), () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, persistDir: o.persistDir, pgid: child.pid!, stop };
}
