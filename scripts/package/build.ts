/**
 * The agent as something a host installs without git, npm or a checkout:
 *   node scripts/package/build.ts deb    dist/idmef-agent_<version>_<arch>.deb    (npm run package:deb)
 *   node scripts/package/build.ts tgz    dist/idmef-agent-<version>-linux-<arch>.tar.gz with install.sh
 *   node scripts/package/build.ts admin  dist/idmef-admin-<version>.tgz, `npm install -g` on any Node >= 20
 * Both agent packages hold the same tree: the agent bundled into one file with its dependencies
 * (scripts/build-agent.mjs --standalone), the Node 22 binary of the `node` dependency (nothing is
 * downloaded), the launchers, the plugin file shipped inactive, the example agent.conf, the spool
 * directory (0700), a man page and the docs. No node_modules.
 * `--out DIR` instead of dist/; `--fast` compresses the .deb with gzip -1 instead of xz (the package test: same files, 2 s instead of ~75 s).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const HERE = join(ROOT, "scripts/package");
const outFlag = process.argv.indexOf("--out");
const OUT = outFlag === -1 ? join(ROOT, "dist") : resolve(process.argv[outFlag + 1]);
const PKG = "idmef-agent";
const MAINTAINER = process.env.DEBFULLNAME_EMAIL ?? "idmef-edge maintainers <idmef-edge@example.org>";
const CONFFILES = ["/etc/audit/plugins.d/idmef-agent.conf", "/etc/idmef-agent/agent.conf"];

const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const nodeBinary = realpathSync(join(ROOT, "node_modules/node/bin/node"));
const nodeVersion = execFileSync(nodeBinary, ["--version"], { encoding: "utf8" }).trim();
const DEB_ARCH: Record<string, string> = { x64: "amd64", arm64: "arm64", arm: "armhf", ppc64: "ppc64el", s390x: "s390x" };
const debArch = DEB_ARCH[process.arch] ?? process.arch;

const fill = (text: string, vars: Record<string, string>) => text.replace(/@([A-Z_]+)@/g, (m, k: string) => vars[k] ?? m);
const nextSteps = readFileSync(join(HERE, "next-steps.txt"), "utf8").trimEnd();
const vars = { VERSION: version, NODE_VERSION: nodeVersion, NEXT_STEPS: nextSteps };

function put(root: string, path: string, content: string | Buffer, mode: number): void {
  const file = join(root, path);
  mkdirSync(join(file, ".."), { recursive: true, mode: 0o755 });
  writeFileSync(file, content);
  chmodSync(file, mode);
}

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

/** The installed tree (what goes under / ), in `root`. */
function stage(root: string): void {
  rmSync(root, { recursive: true, force: true });
  const bundles = join(root, "..", `${PKG}-bundles`);
  execFileSync(process.execPath, [join(ROOT, "scripts/build-agent.mjs"), "--standalone", bundles], { stdio: "inherit" });
  const lib = "usr/lib/idmef-agent";
  put(root, `${lib}/idmef-agent.mjs`, readFileSync(join(bundles, "idmef-agent.mjs")), 0o644);
  rmSync(bundles, { recursive: true, force: true });
  // Official Node builds keep their symbol tables (18 MB); Debian ships binaries stripped.
  put(root, `${lib}/node`, "", 0o755);
  try {
    execFileSync("strip", ["--strip-unneeded", "--remove-section=.comment", "--remove-section=.note", "-o", join(root, lib, "node"), nodeBinary]);
  } catch (err) {
    process.stderr.write(`strip failed (${(err as Error).message.split("\n")[0]}): Node goes in with its symbols (+18 MB)\n`);
    copyFileSync(nodeBinary, join(root, lib, "node"));
  }
  chmodSync(join(root, lib, "node"), 0o755);
  put(root, `${lib}/idmef-agent-plugin`, readFileSync(join(HERE, "idmef-agent-plugin")), 0o755);
  put(root, "usr/bin/idmef-agent", readFileSync(join(HERE, "idmef-agent")), 0o755);

  const plugin = readFileSync(join(ROOT, "agent/audisp/idmef-agent.conf"), "utf8")
    .replace(/^active = .*$/m, "active = no")
    .replace(/^path = .*$/m, `path = /${lib}/idmef-agent-plugin`);
  put(root, "etc/audit/plugins.d/idmef-agent.conf", plugin, 0o640);
  put(root, "etc/idmef-agent/agent.conf", readFileSync(join(ROOT, "agent/audisp/agent.conf.example")), 0o644);
  mkdirSync(join(root, "var/spool/idmef-agent"), { recursive: true });

  const doc = `usr/share/doc/${PKG}`;
  put(root, `${doc}/README.md`, readFileSync(join(ROOT, "agent/audisp/README.md")), 0o644);
  put(root, `${doc}/copyright`, fill(readFileSync(join(HERE, "copyright"), "utf8"), vars), 0o644);
  const date = new Date().toUTCString().replace("GMT", "+0000");
  const changelog = `${PKG} (${version}) unstable; urgency=medium\n\n  * Built from idmef-edge ${version} (commit ${gitCommit()}) with Node.js ${nodeVersion}.\n\n -- ${MAINTAINER}  ${date}\n`;
  put(root, `${doc}/changelog.gz`, gzipSync(changelog, { level: 9 }), 0o644);
  put(root, `usr/share/lintian/overrides/${PKG}`, readFileSync(join(HERE, "lintian-overrides")), 0o644);
  put(root, "usr/share/man/man1/idmef-agent.1.gz", gzipSync(fill(readFileSync(join(HERE, "idmef-agent.1"), "utf8"), vars), { level: 9 }), 0o644);
  // dpkg applies a package's directory modes to existing directories: /etc/audit as auditd has it.
  const modes: Record<string, number> = { "var/spool/idmef-agent": 0o700, "etc/audit": 0o750, "etc/audit/plugins.d": 0o750 };
  for (const d of [root, ...walk(root, true)]) chmodSync(d, modes[relative(root, d)] ?? 0o755);
}

/** Every file (or, with dirs, every directory) under root. */
function walk(root: string, dirs = false): string[] {
  const out: string[] = [];
  for (const e of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (e.isDirectory() === dirs) out.push(join(e.parentPath, e.name));
  }
  return out;
}

function installedKiB(root: string): number {
  return walk(root).reduce((sum, f) => sum + Math.ceil(statSync(f).size / 1024), 0) + walk(root, true).length;
}

function buildDeb(fast: boolean): string {
  const root = join(OUT, `${PKG}-deb`);
  stage(root);
  const md5sums = walk(root)
    .map((f) => `${createHash("md5").update(readFileSync(f)).digest("hex")}  ${relative(root, f)}`)
    .sort()
    .join("\n");
  const control = [
    `Package: ${PKG}`,
    `Version: ${version}`,
    `Architecture: ${debArch}`,
    `Maintainer: ${MAINTAINER}`,
    `Installed-Size: ${installedKiB(root)}`,
    // The official Node binary's own needs (ldd): glibc >= 2.28, libstdc++, libgcc.
    "Depends: libc6 (>= 2.28), libstdc++6 (>= 8), libgcc-s1",
    "Recommends: auditd",
    "Section: admin",
    "Priority: optional",
    "Description: auditd plugin sending IDMEF alerts to an idmef-edge server",
    " idmef-agent runs as an audit dispatcher plugin: it reassembles the audit",
    " records auditd gives it into events, maps the security-relevant ones to",
    " IDMEF alerts, keeps them in a durable spool and sends them, signed with",
    " Ed25519, to an idmef-edge ingestion API, with periodic heartbeats.",
    " .",
    ` The package carries its own Node.js ${nodeVersion} runtime in /usr/lib/idmef-agent.`,
    "",
  ].join("\n");
  const debian = join(root, "DEBIAN");
  put(debian, "control", control, 0o644);
  put(debian, "conffiles", CONFFILES.join("\n") + "\n", 0o644);
  put(debian, "md5sums", md5sums + "\n", 0o644);
  for (const script of ["postinst", "prerm", "postrm"]) {
    put(debian, script, fill(readFileSync(join(HERE, "debian", script), "utf8"), vars), 0o755);
  }
  const deb = join(OUT, `${PKG}_${version}_${debArch}.deb`);
  const compression = fast ? ["-Zgzip", "-z1"] : ["-Zxz"];
  execFileSync("dpkg-deb", ["--root-owner-group", ...compression, "--build", root, deb], { stdio: ["ignore", "ignore", "inherit"] });
  rmSync(root, { recursive: true, force: true });
  return deb;
}

function buildTgz(): string {
  const name = `${PKG}-${version}-linux-${process.arch}`;
  const top = join(OUT, `${PKG}-tgz`);
  const root = join(top, name);
  stage(root);
  put(root, "install.sh", fill(readFileSync(join(HERE, "install.sh"), "utf8"), vars), 0o755);
  const tgz = join(OUT, `${name}.tar.gz`);
  execFileSync("tar", ["--owner=0", "--group=0", "--numeric-owner", "-czf", tgz, "-C", top, name]);
  rmSync(top, { recursive: true, force: true });
  return tgz;
}

/** idmef-admin for operators' workstations: one file, no dependencies, an npm tarball. */
function buildAdmin(): string {
  const root = join(OUT, "idmef-admin-pkg");
  rmSync(root, { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, "scripts/build-agent.mjs"), "--standalone", root], { stdio: "inherit" });
  rmSync(join(root, "idmef-agent.mjs"));
  const bin = join(root, "idmef-admin.mjs");
  writeFileSync(bin, "#!/usr/bin/env node\n" + readFileSync(bin, "utf8"));
  chmodSync(bin, 0o755);
  const manifest = {
    name: "idmef-admin",
    version,
    description: "Operator CLI for an idmef-edge server: register and revoke agents, list alerts and analyzers",
    type: "module",
    bin: { "idmef-admin": "idmef-admin.mjs" },
    files: ["idmef-admin.mjs"],
    engines: { node: ">=20" },
  };
  writeFileSync(join(root, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", OUT], { cwd: root, encoding: "utf8" }).trim().split("\n").pop()!;
  rmSync(root, { recursive: true, force: true });
  return join(OUT, packed);
}

const kind = process.argv[2];
mkdirSync(OUT, { recursive: true });
const built = kind === "deb" ? buildDeb(process.argv.includes("--fast")) : kind === "tgz" ? buildTgz() : kind === "admin" ? buildAdmin() : null;
if (!built) {
  process.stderr.write("usage: node scripts/package/build.ts deb [--fast] | tgz | admin  [--out DIR]\n");
  process.exit(2);
}
const bytes = statSync(built).size;
const size = bytes < 1048576 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
process.stdout.write(`${relative(process.cwd(), built) || built} (${size})\n`);
