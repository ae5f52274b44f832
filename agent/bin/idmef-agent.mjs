#!/usr/bin/env -S node --max-semi-space-size=1
// idmef-agent entry point. Runs the bundle in agent/dist/ (scripts/build-agent.mjs) when it is
// newer than every TypeScript source, else the sources directly through Node's type stripping
// (same behaviour, ~40 MB more memory). Plain JavaScript on purpose: a .ts entry would load the
// type stripper even when the bundle is used.
// --max-semi-space-size=1: a busy Node process otherwise grows its young generation to 3x16 MB.
import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".ts")) {
      newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
    }
  }
  return newest;
}

function bundleIsFresh() {
  try {
    const built = statSync(`${root}agent/dist/cli.mjs`).mtimeMs;
    return built >= Math.max(newestSource(`${root}agent/src`), newestSource(`${root}schema`));
  } catch {
    return false;
  }
}

const { main } = bundleIsFresh() ? await import("../dist/cli.mjs") : await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
