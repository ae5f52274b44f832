/**
 * `idmef-agent check [--config FILE]`: is this agent ready to deliver? Validates the config and
 * the spool directory, loads the key, and makes one signed request (an empty batch, storing
 * nothing) so the server proves it knows the key and grants idmef:w. One line per step; exit 0 =
 * pass.
 */
import { parseArgs } from "node:util";
import { accessSync, constants, mkdirSync, readFileSync } from "node:fs";
import { Pool } from "undici";
import { DEFAULT_CONFIG_FILE, loadConfig, type AgentConfig } from "../config.ts";
import { resolveIdentity, type AgentIdentity } from "../keys.ts";
import { makeSigner } from "../sender/sign.ts";
import { describeAnswer } from "../sender/answer.ts";
import { messagesUrl } from "../sender/sender.ts";
import { readCapped } from "../sender/read-capped.ts";
import { visible } from "../admin/format.ts";

export { DEFAULT_CONFIG_FILE };

const say = (ok: boolean, step: string, detail: string) =>
  process.stdout.write(`${ok ? "ok  " : "FAIL"} ${step.padEnd(7)} ${detail}\n`);

export async function command(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: "string", default: DEFAULT_CONFIG_FILE } }, strict: true });
  let config: AgentConfig;
  try {
    config = loadConfig(values.config!);
    say(true, "config", values.config!);
  } catch (err) {
    say(false, "config", (err as Error).message);
    return 1;
  }
  let id: AgentIdentity;
  try {
    id = await resolveIdentity(config);
    say(true, "key", `${config.key_file} (analyzer id ${id.analyzerId}, client id ${id.clientId}, public key ${id.publicKey})`);
  } catch (err) {
    say(false, "key", `${(err as Error).message} — run: idmef-agent keygen --dir <dir of key_file>`);
    return 1;
  }
  try {
    // run opens (and creates) it at start; a read-only or foreign-owned directory fails there.
    mkdirSync(config.spool_dir, { recursive: true, mode: 0o700 });
    accessSync(config.spool_dir, constants.R_OK | constants.W_OK);
    say(true, "spool", config.spool_dir);
  } catch (err) {
    say(false, "spool", `${config.spool_dir}: ${(err as Error).message}`);
    return 1;
  }
  if (!config.server) {
    say(false, "server", "no `server` in the config");
    return 1;
  }
  const url = messagesUrl(config.server);
  const pool = new Pool(url.origin, {
    connect: config.tls_ca_file ? { ca: readFileSync(config.tls_ca_file, "utf8") } : undefined,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  try {
    const body = Buffer.from("[]");
    const headers: Record<string, string> = { "content-type": "application/json" };
    Object.assign(headers, await makeSigner(id.clientId, id.privateKey)({ method: "POST", url: url.href, headers, body }));
    const t0 = performance.now();
    const res = await pool.request({ method: "POST", path: url.pathname + url.search, headers, body });
    const text = await readCapped(res.body, res.headers);
    const ms = Math.round(performance.now() - t0);
    if (res.statusCode >= 200 && res.statusCode < 300) {
      say(true, "server", `${url.href} accepted a signed request as ${id.clientId} (${res.statusCode}, ${ms} ms)`);
      return 0;
    }
    const hint =
      res.statusCode === 401 || res.statusCode === 403
        ? ` — is the client registered? idmef-admin --server URL --key ADMIN_DIR/admin.key register --client-id ${id.clientId} --analyzer-id ${id.analyzerId} --public-key ${id.publicKey} --permissions idmef:w`
        : "";
    // The server's words reach the operator's terminal: control characters shown, not obeyed.
    say(false, "server", `${url.href}: ${visible(describeAnswer(res.statusCode, text))}${hint}`);
    return 1;
  } catch (err) {
    say(false, "server", `${url.href}: ${(err as Error).message}`);
    return 1;
  } finally {
    await pool.close();
  }
}
