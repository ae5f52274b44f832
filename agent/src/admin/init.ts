/**
 * `idmef-admin init`: the first operator. Nobody can register it through the API (that needs an
 * admin), so its client row goes straight into D1 with `wrangler d1 execute` — the local state
 * `wrangler dev` uses in this checkout (or `--persist-to DIR`), or the remote database.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { exportPrivateKeyPem, exportPublicKeyRaw, generateKeyPair } from "../../../schema/signature.ts";
import { writeSecretFile } from "../secret-file.ts";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const LOCAL_WRANGLER = join(REPO_ROOT, "node_modules/.bin/wrangler");
export const ADMIN_PERMISSIONS = ["admin:r", "admin:w", "idmef:r"];
export const DEFAULT_ADMIN_DIR = join(homedir(), ".idmef-admin");

export interface InitOptions {
  target: "local" | "remote";
  dir: string;
  clientId: string;
  name: string;
  /** Local D1 state dir (wrangler --persist-to); default: wrangler's own (.wrangler/state). */
  persistTo?: string;
  /** D1 binding or database name in wrangler.toml. */
  database: string;
  force: boolean;
  out: (s: string) => void;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function wrangler(args: string[]): Promise<string> {
  const bin = existsSync(LOCAL_WRANGLER) ? LOCAL_WRANGLER : "wrangler";
  try {
    const { stdout } = await promisify(execFile)(bin, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" },
      maxBuffer: 1 << 24,
    });
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    const why = `${err.stderr ?? ""}\n${err.stdout ?? ""}`.trim().split("\n").filter((l) => /error|✘|constraint/i.test(l)).slice(0, 5).join("\n");
    throw new Error(`wrangler ${args.slice(0, 3).join(" ")} failed: ${why || err.message}`);
  }
}

export async function init(o: InitOptions): Promise<{ clientId: string; keyFile: string; publicKey: string }> {
  if (!/^[A-Za-z0-9._:@-]{1,128}$/.test(o.clientId)) throw new Error(`client id ${JSON.stringify(o.clientId)}: letters, digits and . _ : @ - only`);
  const dir = resolve(o.dir);
  const keyFile = join(dir, "admin.key");
  const metaFile = join(dir, "admin.json");
  if (!o.force && existsSync(keyFile)) throw new Error(`${keyFile} exists; use --force to replace it (the old key stays registered until revoked)`);
  await mkdir(dir, { recursive: true, mode: 0o700 });

  const pair = await generateKeyPair();
  const publicKey = await exportPublicKeyRaw(pair.publicKey);
  const pem = await exportPrivateKeyPem(pair.privateKey);

  const where = o.target === "local" ? ["--local", ...(o.persistTo ? ["--persist-to", resolve(o.persistTo)] : [])] : ["--remote"];
  if (o.target === "local") {
    // A fresh checkout has no local tables yet; applying is idempotent.
    await wrangler(["d1", "migrations", "apply", o.database, ...where]);
  }
  const sql =
    "INSERT INTO clients (id, name, public_key, analyzer_id, permissions, created_at) VALUES " +
    `(${sqlString(o.clientId)}, ${sqlString(o.name)}, ${sqlString(publicKey)}, NULL, ${sqlString(ADMIN_PERMISSIONS.join(" "))}, ${Date.now()})`;
  await wrangler(["d1", "execute", o.database, ...where, "--command", sql]);

  // Written only once the client exists, so a failed insert leaves no orphan key behind; through
  // a 0600 temp file renamed over the old key (--force), never into the old file and its mode.
  writeSecretFile(keyFile, pem, { overwrite: o.force });
  await writeFile(metaFile, JSON.stringify({ client_id: o.clientId }, null, 2) + "\n", { mode: 0o644 });
  o.out(
    `admin client "${o.clientId}" registered in the ${o.target} D1 database (${ADMIN_PERMISSIONS.join(" ")})\n` +
      `  private key: ${keyFile} (mode 0600)\n  public key:  ${publicKey}\n\n` +
      `next: idmef-admin --server URL --key ${keyFile} register --client-id HOST --analyzer-id AID --public-key KEY --permissions idmef:w\n`,
  );
  return { clientId: o.clientId, keyFile, publicKey };
}
