import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { deriveAnalyzerId, loadKey } from "../../agent/src/keys.ts";
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

  it("refuses a key file others can read", async () => {
    const dir = tempDir();
    keygen("--dir", dir, "--json");
    chmodSync(join(dir, "agent.key"), 0o644);
    await expect(loadKey(join(dir, "agent.key"))).rejects.toThrow(/chmod 600/);
    writeFileSync(join(dir, "bad.key"), "not a key", { mode: 0o600 });
    await expect(loadKey(join(dir, "bad.key"))).rejects.toThrow(/PKCS#8/);
  });

  it("derives different analyzer ids for clones of one machine id, numeric like Prelude's", () => {
    const a = deriveAnalyzerId("3d1219c7c4c5404aaa1f6d2a48adfda4");
    const b = deriveAnalyzerId("3d1219c7c4c5404aaa1f6d2a48adfda4");
    expect(a).not.toBe(b);
    expect(BigInt(a)).toBeLessThan(2n ** 63n);
    expect(deriveAnalyzerId("m", Buffer.alloc(16))).toBe(deriveAnalyzerId("m", Buffer.alloc(16)));
  });
});
