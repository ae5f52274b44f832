/**
 * The tarball for hosts without dpkg (scripts/package/build.ts tgz): its install.sh into a
 * DESTDIR, the installed launcher running the bundled agent on the shipped Node, a reinstall that
 * keeps an edited agent.conf (the shipped one beside it as .new), and --uninstall keeping
 * configuration and spool. Touches nothing outside its temp dir; needs tar.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "./lib/agent.ts";

const run = promisify(execFile);
const missing = ["tar"].find((t) => spawnSync(t, ["--version"]).status !== 0);
if (missing) console.warn(`tarball package test skipped: ${missing} is not installed`);

describe.skipIf(missing !== undefined)("the tarball and its install.sh", () => {
  let dir: string;
  let unpacked: string;
  const dest = () => join(dir, "dest");
  const env = () => ({ ...process.env, DESTDIR: dest(), PREFIX: "/usr/local" });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "e2e-tgz-"));
    await run(process.execPath, [join(REPO, "scripts/package/build.ts"), "tgz", "--out", dir]);
    const tgz = readdirSync(dir).find((f) => f.endsWith(".tar.gz"))!;
    await run("tar", ["-xzf", join(dir, tgz), "-C", dir]);
    unpacked = join(dir, tgz.replace(/\.tar\.gz$/, ""));
  }, 90_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("installs the agent, its Node and the inactive plugin file pointing at the prefix", async () => {
    expect(spawnSync("find", [unpacked, "-name", "node_modules"], { encoding: "utf8" }).stdout).toBe("");
    const out = await run("sh", [join(unpacked, "install.sh")], { env: env() });
    expect(out.stdout).toContain("idmef-agent keygen");
    const plugin = readFileSync(join(dest(), "etc/audit/plugins.d/idmef-agent.conf"), "utf8");
    expect(plugin).toMatch(/^active = no$/m);
    expect(plugin).toMatch(/^path = \/usr\/local\/lib\/idmef-agent\/idmef-agent-plugin$/m);
    expect(statSync(join(dest(), "var/spool/idmef-agent")).mode & 0o777).toBe(0o700);
    // The launcher finds the Node and bundle beside it wherever the tree was put.
    const help = await run(join(dest(), "usr/local/bin/idmef-agent"), ["--help"]);
    expect(help.stdout).toMatch(/^usage: idmef-agent/);
    const keygen = await run(join(dest(), "usr/local/bin/idmef-agent"), ["keygen", "--dir", join(dest(), "etc/idmef-agent"), "--json"]);
    expect(JSON.parse(keygen.stdout)).toHaveProperty("analyzer_id");
  }, 60_000);

  it("a reinstall keeps an edited agent.conf; --uninstall keeps configuration, key and spool", async () => {
    const conf = join(dest(), "etc/idmef-agent/agent.conf");
    writeFileSync(conf, readFileSync(conf, "utf8").replace(/^server = .*$/m, "server = https://edited.example"));
    const again = await run("sh", [join(unpacked, "install.sh")], { env: env() });
    expect(again.stdout).toContain(`kept your ${conf}`);
    expect(readFileSync(conf, "utf8")).toContain("server = https://edited.example");
    expect(readFileSync(`${conf}.new`, "utf8")).toContain("server = https://idmef.example.org");

    await run("sh", [join(unpacked, "install.sh"), "--uninstall"], { env: env() });
    expect(existsSync(join(dest(), "usr/local/bin/idmef-agent"))).toBe(false);
    expect(existsSync(join(dest(), "usr/local/lib/idmef-agent"))).toBe(false);
    for (const kept of ["etc/idmef-agent/agent.conf", "etc/idmef-agent/agent.key", "etc/audit/plugins.d/idmef-agent.conf", "var/spool/idmef-agent"]) {
      expect(existsSync(join(dest(), kept)), kept).toBe(true);
    }
  }, 60_000);
});
