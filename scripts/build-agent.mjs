#!/usr/bin/env node
// Bundles the agent's TypeScript into plain ES modules. Why: Node's built-in type stripping
// instantiates a WebAssembly transpiler whose memory grows with the source it strips (~90 MB
// before reading any input vs ~50 MB from JavaScript), and the agent's memory budget is 120 MB.
//
//   node scripts/build-agent.mjs                  agent/dist/, for the checkout: subcommands stay
//                                                 separate chunks, dependencies from node_modules.
//                                                 ~30 ms; runs on npm install (prepare), before
//                                                 tests and benchmarks.
//   node scripts/build-agent.mjs --standalone DIR DIR/idmef-agent.mjs and DIR/idmef-admin.mjs:
//                                                 one file each with every dependency inside, for
//                                                 the packages (scripts/package/build.ts).
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  // esbuild is a dependency (the from-source install builds the bundle), so only a platform
  // esbuild has no binary for gets here.
  console.warn("build-agent: esbuild is not installed, agent/dist not built; the agent runs from its TypeScript sources (~40 MB more memory)");
  process.exit(0);
}

const standalone = process.argv.indexOf("--standalone");
if (standalone === -1) {
  const outdir = `${root}agent/dist`;
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
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
} else {
  const outdir = process.argv[standalone + 1];
  if (!outdir) throw new Error("usage: build-agent.mjs --standalone DIR");
  // The bundled CommonJS dependencies (undici) call require() for Node's built-ins.
  const banner = { js: 'import { createRequire as __cjsRequire } from "node:module"; const require = __cjsRequire(import.meta.url);' };
  const programs = [
    // The agent runs on the Node 22 shipped beside it; idmef-admin on any Node >= 20.
    { name: "idmef-agent", main: "./agent/src/cli.ts", target: "node22", alias: {} },
    { name: "idmef-admin", main: "./agent/src/admin/cli.ts", target: "node20", alias: { undici: "./scripts/package/undici-fetch.ts" } },
  ];
  for (const p of programs) {
    await esbuild.build({
      absWorkingDir: root,
      stdin: {
        contents: `import { main } from ${JSON.stringify(p.main)};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
        resolveDir: root,
        sourcefile: `${p.name}.ts`,
        loader: "ts",
      },
      outfile: `${outdir}/${p.name}.mjs`,
      bundle: true,
      format: "esm",
      platform: "node",
      target: p.target,
      alias: p.alias,
      banner,
      legalComments: "eof",
      logLevel: "warning",
    });
  }
}
