import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { deriveAnalyzerId, loadKey } from "../../agent/src/keys.ts";
import { readSecretFile, writeSecretFile } from "../../agent/src/secret-file.ts";
import { AdminApi } from "../../agent/src/admin/api.ts";
import { importPublicKey, signRequest, verifyRequest } from "../../schema/signature.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "keys-test-"));
  dirs.push(d);
  return d;
}
const keygen = (...args: string[]) =>
  execFileSync(process.execPath, ["agent/bin/idmef-agent.mjs", "keygen", ...args], { encoding: "utf8" });

describe("keygen", () => {
  it("creates a 0600 PKCS#8 key and a persisted analyzer id; --json prints what register takes", async () => {
    const dir = join(tempDir(), "etc");
    const out = JSON.parse(keygen("--dir", dir, "--json")) as Record<string, string>;
    expect(Object.keys(out).sort()).toEqual(["analyzer_id", "client_id", "public_key"]);
    expect(out.analyzer_id).toMatch(/^\d+$/);
    expect(out.client_id).toBe(out.analyzer_id);
    expect(statSync(join(dir, "agent.key")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, "agent.key"), "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    // the printed public key verifies what the stored private key signs
    const key = await loadKey(join(dir, "agent.key"));
    const headers = await signRequest({ method: "POST", url: "http://x/v1/messages", body: "[]", contentType: "application/json", keyId: out.client_id, privateKey: key.privateKey });
    const pub = await importPublicKey(out.public_key);
    const v = await verifyRequest({ method: "POST", url: "http://x/v1/messages", headers: { get: (n) => headers[n] ?? null }, body: "[]", now: Math.floor(Date.now() / 1000), resolveKey: async () => pub });
    expect(v.ok).toBe(true);
    // running it again keeps both
    expect(JSON.parse(keygen("--dir", dir, "--json"))).toEqual(out);
    expect(keygen("--dir", dir)).toMatch(new RegExp(`analyzer id: ${out.analyzer_id}[\\s\\S]*public key:  ${out.public_key}`));
  });

  it("refuses a key file others can read or someone else owns", async () => {
    const dir = tempDir();
    keygen("--dir", dir, "--json");
    const key = join(dir, "agent.key");
    chmodSync(key, 0o644);
    await expect(loadKey(key)).rejects.toThrow(/mode 0644 gives group or others access to the key; chmod 600/);
    chmodSync(key, 0o640);
    await expect(loadKey(key)).rejects.toThrow(/mode 0640/);
    chmodSync(key, 0o600);
    await loadKey(key);
    if (process.getuid?.() === 0) {
      chownSync(key, 4242, 4242);
      await expect(loadKey(key)).rejects.toThrow(/owned by uid 4242, not root or this user/);
      chownSync(key, 0, 0);
    }
    // The admin CLI checks its key the same way.
    chmodSync(key, 0o604);
    await expect(AdminApi.open("https://ids.example.org", key, "ops")).rejects.toThrow(/admin key; chmod 600/);
    writeFileSync(join(dir, "bad.key"), "not a key", { mode: 0o600 });
    await expect(loadKey(join(dir, "bad.key"))).rejects.toThrow(/PKCS#8/);
  });

  it("writes a key through a 0600 temp file: never over another key, no leftovers, even under umask 000", () => {
    const dir = tempDir();
    const file = join(dir, "k");
    const old = process.umask(0);
    try {
      writeSecretFile(file, "first", { overwrite: false });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(() => writeSecretFile(file, "second", { overwrite: false })).toThrow(/EEXIST/);
      expect(readFileSync(file, "utf8")).toBe("first");
      // --force replaces a loose old file by a new inode: the key never sits in the old mode.
      chmodSync(file, 0o644);
      const inode = statSync(file).ino;
      writeSecretFile(file, "third", { overwrite: true });
      expect(statSync(file).ino).not.toBe(inode);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readSecretFile(file)).toBe("third");
      expect(readdirSync(dir)).toEqual(["k"]);
    } finally {
      process.umask(old);
    }
  });

  it("keygen under umask 000 still writes a private key directory", () => {
    const dir = join(tempDir(), "etc");
    execFileSync("sh", ["-c", `umask 000; exec "$0" agent/bin/idmef-agent.mjs keygen --dir "$1" --json`, process.execPath, dir]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, "agent.key")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "analyzerid")).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(["agent.key", "analyzerid"]);
  });

  it("derives different analyzer ids for clones of one machine id, numeric like Prelude's", () => {
    const a = deriveAnalyzerId("3d1219c7c4c5404aaa1f6d2a48adfda4");
    const b = deriveAnalyzerId("3d1219c7c4c5404aaa1f6d2a48adfda4");
    expect(a).not.toBe(b);
    expect(BigInt(a)).toBeLessThan(2n ** 63n);
    expect(deriveAnalyzerId("m", Buffer.alloc(16))).toBe(deriveAnalyzerId("m", Buffer.alloc(16)));
  });
});
