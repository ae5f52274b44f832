#!/usr/bin/env node
// Bundles the agent's TypeScript into plain ES modules in agent/dist/, which the idmef-agent
// launcher runs when they are fresh. Why: Node's built-in type stripping instantiates a
// WebAssembly transpiler whose memory grows with the source it strips (~90 MB before reading
// any input vs ~50 MB from JavaScript), and the agent's memory budget is 120 MB. Subcommands stay
// separate chunks so each loads only what it uses. Takes ~30 ms; runs on npm install (prepare),
// before tests and before benchmarks.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}agent/dist`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ["agent/src/cli.ts"],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22",
  packages: "external",
  outExtension: { ".js": ".mjs" },
  sourcemap: "linked",
  logLevel: "warning",
});
