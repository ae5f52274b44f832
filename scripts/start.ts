/**
 * `npm start`: the whole pipeline on this machine, on the embedded default.
 * 1. the Worker on local workerd (wrangler dev), local D1 in wrangler's default state dir with the
 *    migrations applied (the dir `idmef-admin init --local` writes to);
 * 2. a first operator (`idmef-admin init --local`) and a demo agent key (`idmef-agent keygen`),
 *    registered with idmef:w — both kept under .wrangler/demo/ and reused by the next start;
 * 3. the agent in plugin mode (`idmef-agent run`), fed a bundled excerpt of a real audit log
 *    (agent/demo/) on stdin, kept running so its heartbeats continue;
 * 4. the commands to look at alerts and analyzers. Ctrl-C stops the agent (exiting heartbeat)
 *    and the Worker.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT, startLocalWorker } from "./lib/local-worker.ts";

const run = promisify(execFile);
const port = Number(process.env.PORT ?? 8787);
const persistDir = join(REPO_ROOT, ".wrangler/state");
const demo = join(REPO_ROOT, ".wrangler/demo");
const adminDir = join(demo, "admin");
const agentDir = join(demo, "agent");
const demoLog = join(REPO_ROOT, "agent/demo/sshd-bruteforce-excerpt.log");
const agentBin = join(REPO_ROOT, "agent/bin/idmef-agent.mjs");
const adminBin = join(REPO_ROOT, "agent/bin/idmef-admin.ts");
const say = (s: string) => process.stdout.write(s + "\n");

// The embedded default signs console users in with one-time links (production uses Cloudflare Access).
const worker = await startLocalWorker({ persistDir, port, vars: { CONSOLE_AUTH: "link" } });
say(`Worker listening on ${worker.url} (local D1 in ${persistDir})`);

const admin = (...args: string[]) =>
  run(process.execPath, [adminBin, "--server", worker.url, "--key", join(adminDir, "admin.key"), ...args], { cwd: REPO_ROOT });

// First operator: made once; made again if the D1 state was wiped since.
if (!existsSync(join(adminDir, "admin.key")) || (await admin("list").then(() => false, () => true))) {
  await run(process.execPath, [adminBin, "init", "--local", "--persist-to", persistDir, "--dir", adminDir, "--force"], { cwd: REPO_ROOT });
  say(`operator key created: ${join(adminDir, "admin.key")}`);
}

// Demo agent: host key + analyzer id, config, registration (409 = registered before).
mkdirSync(agentDir, { recursive: true });
const ids = JSON.parse((await run(process.execPath, [agentBin, "keygen", "--dir", agentDir, "--json"])).stdout) as {
  analyzer_id: string;
  client_id: string;
  public_key: string;
};
const configFile = join(agentDir, "agent.conf");
writeFileSync(
  configFile,
  [
    "# written by npm start",
    `server = ${worker.url}`,
    `key_file = ${join(agentDir, "agent.key")}`,
    `spool_dir = ${join(demo, "spool")}`,
    "analyzer_name = idmef-agent demo",
    "heartbeat_interval = 60",
    "batch_linger_ms = 100",
    "",
  ].join("\n"),
);
try {
  await admin("register", "--client-id", ids.client_id, "--analyzer-id", ids.analyzer_id, "--public-key", ids.public_key, "--permissions", "idmef:w", "--name", "demo agent");
  say(`demo agent registered: client ${ids.client_id}, analyzer ${ids.analyzer_id}`);
} catch (err) {
  const text = String((err as { stderr?: string }).stderr ?? err);
  if (!/409|exists|taken/.test(text)) throw err;
  say(`demo agent already registered: client ${ids.client_id}, analyzer ${ids.analyzer_id}`);
}

// The agent in plugin mode, fed the bundled log; stdin stays open like auditd's pipe.
const agent = spawn(process.execPath, [agentBin, "run", "--config", configFile], { stdio: ["pipe", "inherit", "inherit"] });
agent.stdin.write(readFileSync(demoLog));

const cmd = `node_modules/.bin/node agent/bin/idmef-admin.ts --server ${worker.url} --key ${join(adminDir, "admin.key")}`;
// The demo log keeps its real (past) times, so the link lands on a range that holds them rather
// than on the console's default last 24 hours.
const demoTimes = [...readFileSync(demoLog, "utf8").matchAll(/msg=audit\((\d+)\./g)].map((m) => Number(m[1]) * 1000);
const demoRange = new URLSearchParams({
  range: "custom",
  from: new Date(Math.min(...demoTimes) - 3_600_000).toISOString(),
  to: new Date(Math.max(Date.now(), ...demoTimes) + 60_000).toISOString(),
});
const consoleLink = `${(await admin("console")).stdout.split("\n")[0]}&next=${encodeURIComponent(`/console?${demoRange}`)}`;
say(`
agent running (pid ${agent.pid}), replaying ${demoLog} (a real auditd log excerpt, see agent/demo/README.md)

open the console (one-time link, valid 10 minutes; \`${cmd} console\` makes another):
  ${consoleLink}

look at what arrived:
  ${cmd} alerts
  ${cmd} alerts --classification "Login Failure" --json
  ${cmd} analyzers
  curl ${worker.url}/healthz

Ctrl-C stops the agent (it sends its "exiting" heartbeat) and the Worker.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  if (agent.exitCode === null) {
    agent.kill("SIGTERM");
    await new Promise((r) => agent.once("exit", r));
  }
  await worker.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
agent.once("exit", (code) => {
  if (!stopping) {
    say(`agent exited (${code}); stopping`);
    void stop();
  }
});
