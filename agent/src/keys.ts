/**
 * The host's identity: an Ed25519 key (DIR/agent.key, PKCS#8 PEM, 0600) and an analyzer id
 * derived once per host and persisted (DIR/analyzerid), like Prelude's analyzerid file.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { readSecretFile, writeSecretFile } from "./secret-file.ts";
import {
  exportPrivateKeyPem,
  exportPublicKeyRaw,
  generateKeyPair,
  importPrivateKeyPem,
} from "../../schema/signature.ts";

export const KEY_FILE = "agent.key";
export const ANALYZERID_FILE = "analyzerid";
export const DEFAULT_KEY_DIR = "/etc/idmef-agent";

/**
 * A stable analyzer id: a decimal number like Prelude's (64-bit), from a hash of the machine id
 * and 16 random bytes. The random part keeps two clones of one VM image apart once each has run
 * keygen; the machine id ties it to the host for whoever reads the file.
 */
export function deriveAnalyzerId(machineId: string, random: Buffer = randomBytes(16)): string {
  const h = createHash("sha256").update(machineId.trim()).update(random).digest();
  // 63 bits so it fits a signed 64-bit integer as Prelude's analyzerid does.
  return (h.readBigUInt64BE(0) & 0x7fffffffffffffffn).toString();
}

function readMachineId(): string {
  for (const p of ["/etc/machine-id", "/var/lib/dbus/machine-id"]) {
    try {
      const id = readFileSync(p, "utf8").trim();
      if (id) return id;
    } catch {
      // try the next one
    }
  }
  return "";
}

/** The persisted analyzer id in DIR, created on first use. */
export function loadOrCreateAnalyzerId(dir: string): { analyzerId: string; created: boolean } {
  const file = join(dir, ANALYZERID_FILE);
  try {
    const id = readFileSync(file, "utf8").trim();
    if (id) return { analyzerId: id, created: false };
  } catch {
    // not there yet
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const analyzerId = deriveAnalyzerId(readMachineId());
  writeFileSync(file, analyzerId + "\n", { mode: 0o600, flag: "wx" });
  return { analyzerId, created: true };
}

type PrivateKey = Awaited<ReturnType<typeof importPrivateKeyPem>>;

export interface HostKey {
  privateKey: PrivateKey;
  /** Raw 32-byte public key, base64url: what `idmef-admin register` takes. */
  publicKey: string;
}

/** Create DIR/agent.key unless it exists (a host keeps its key). */
export async function loadOrCreateKey(dir: string): Promise<HostKey & { created: boolean; path: string }> {
  const path = join(dir, KEY_FILE);
  try {
    return { ...(await loadKey(path)), created: false, path };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = await generateKeyPair();
  // Never overwrite a key another keygen wrote in the meantime (EEXIST then).
  writeSecretFile(path, await exportPrivateKeyPem(pair.privateKey), { overwrite: false });
  return { privateKey: pair.privateKey, publicKey: await exportPublicKeyRaw(pair.privateKey), created: true, path };
}

/** Read a PKCS#8 PEM key; refuses a key file others can read or someone else owns. */
export async function loadKey(path: string): Promise<HostKey> {
  const pem = readSecretFile(path);
  let privateKey: PrivateKey;
  try {
    privateKey = await importPrivateKeyPem(pem);
  } catch (err) {
    throw new Error(`${path}: not a PKCS#8 PEM Ed25519 private key (${(err as Error).message})`);
  }
  return { privateKey, publicKey: await exportPublicKeyRaw(privateKey) };
}

/** Who this agent is on the wire: its key, analyzer id and the request keyid (client id). */
export interface AgentIdentity extends HostKey {
  analyzerId: string;
  clientId: string;
}

/**
 * The configured identity: `analyzer_id` from the config, else the one persisted beside the key
 * (keygen writes it; created here if keygen was never run). `client_id` defaults to the analyzer id.
 */
export async function resolveIdentity(config: {
  key_file: string;
  analyzer_id: string | null;
  client_id: string | null;
}): Promise<AgentIdentity> {
  const key = await loadKey(config.key_file);
  const analyzerId = config.analyzer_id ?? loadOrCreateAnalyzerId(dirname(config.key_file)).analyzerId;
  return { ...key, analyzerId, clientId: config.client_id ?? analyzerId };
}
