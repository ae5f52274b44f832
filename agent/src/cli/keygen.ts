/**
 * `idmef-agent keygen [--dir DIR] [--json]`: create (or show) this host's key and analyzer id and
 * print what an operator registers with `idmef-admin register`. Idempotent: an existing key and
 * analyzer id are kept, so re-running it only prints them again.
 */
import { parseArgs } from "node:util";
import { DEFAULT_KEY_DIR, loadOrCreateAnalyzerId, loadOrCreateKey } from "../keys.ts";

export async function command(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { dir: { type: "string", default: DEFAULT_KEY_DIR }, json: { type: "boolean", default: false } },
    strict: true,
  });
  const dir = values.dir!;
  const key = await loadOrCreateKey(dir);
  const { analyzerId } = loadOrCreateAnalyzerId(dir);
  // The request keyid is the config's client_id, which defaults to the analyzer id.
  const clientId = analyzerId;
  if (values.json) {
    process.stdout.write(JSON.stringify({ analyzer_id: analyzerId, client_id: clientId, public_key: key.publicKey }) + "\n");
    return 0;
  }
  process.stdout.write(
    `${key.created ? "created" : "kept existing"} key ${key.path} (mode 0600)\n` +
      `analyzer id: ${analyzerId}\n` +
      `client id:   ${clientId}\n` +
      `public key:  ${key.publicKey}\n\n` +
      `register it on the server with an admin key:\n` +
      `  idmef-admin --server URL --key ADMIN_DIR/admin.key register --client-id ${clientId} --analyzer-id ${analyzerId} --public-key ${key.publicKey} --permissions idmef:w\n`,
  );
  return 0;
}
