#!/usr/bin/env node
/**
 * `npm run test:mutants`: apply each breakage of ./list.ts to the source, one at a time, run the
 * test files that should catch it, put the source back. Reports killed / SURVIVED per mutant and
 * exits non-zero when any survives, when a `find` no longer matches the code exactly once (so the
 * list cannot silently go stale), or when the tests already fail without any mutant.
 *
 *   node scripts/mutants/run.ts [--list | --check] [--no-baseline] [--timeout SEC] [--verbose] [ID-or-prefix ...]
 *
 * --check only verifies that every entry still applies (no tests run; a second or so).
 * --tests a.test.ts,b.test.ts runs those files instead of each entry's own (to see whether a
 * second, independent test also catches a mutant).
 *
 * The tree is never left mutated: the original is restored in `finally`, on SIGINT/SIGTERM/SIGHUP
 * and at exit, and a journal in the temp dir lets the next run restore it even after kill -9.
 * The original mtime is restored too, so agent/dist (which the launcher uses only while it is
 * newer than the sources) stays current.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { transform } from "esbuild";
import { mutants, type Mutant } from "./list.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const VITEST = join(ROOT, "node_modules/vitest/vitest.mjs");
const JOURNAL = join(tmpdir(), `idmef-mutants-${createHash("sha256").update(ROOT).digest("hex").slice(0, 12)}.json`);

interface Journal {
  pid: number;
  file: string;
  original: string; // base64
  atimeMs: number;
  mtimeMs: number;
}

type Outcome = "killed" | "timeout" | "SURVIVED" | "STALE" | "INVALID" | "ERROR";
interface Result {
  mutant: Mutant;
  outcome: Outcome;
  seconds: number;
  note: string;
}

// ---- arguments ----------------------------------------------------------------------------

const { values: opts, positionals: selectors } = parseArgs({
  allowPositionals: true,
  options: {
    list: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    "no-baseline": { type: "boolean", default: false },
    timeout: { type: "string", default: "600" },
    tests: { type: "string" },
    verbose: { type: "boolean", default: false },
  },
});
const timeoutSec = Number(opts.timeout);
const testsOverride = opts.tests?.split(",") ?? null;
const verbose = opts.verbose;

// ---- restoring the tree -------------------------------------------------------------------

let active: Journal | null = null;
let child: ChildProcess | null = null;

function restore(j: Journal): void {
  const path = join(ROOT, j.file);
  const original = Buffer.from(j.original, "base64");
  if (!existsSync(path) || !readFileSync(path).equals(original)) writeFileSync(path, original);
  utimesSync(path, j.atimeMs / 1000, j.mtimeMs / 1000);
}

function restoreActive(): void {
  if (active === null) return;
  restore(active);
  active = null;
  rmSync(JOURNAL, { force: true });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const LOCK = `${JOURNAL}.lock`;

/** One run per tree: two would restore each other's files. */
function takeLock(): void {
  if (existsSync(LOCK)) {
    const pid = Number(readFileSync(LOCK, "utf8"));
    if (pid !== process.pid && pidAlive(pid)) {
      console.error(`another mutant run (pid ${pid}) is active in this tree; not starting`);
      process.exit(2);
    }
  }
  writeFileSync(LOCK, String(process.pid));
  process.on("exit", () => rmSync(LOCK, { force: true }));
}

/** A journal left by a run that was killed hard: put its file back before anything else. */
function recoverFromJournal(): void {
  if (!existsSync(JOURNAL)) return;
  const j = JSON.parse(readFileSync(JOURNAL, "utf8")) as Journal;
  restore(j);
  rmSync(JOURNAL, { force: true });
  console.error(`restored ${j.file} from an interrupted run (${JOURNAL})`);
}

function killChild(): void {
  if (child?.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL"); // its own process group: vitest and its workers
    } catch {
      // already gone
    }
  }
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    killChild();
    restoreActive();
    console.error(`\n${sig}: stopped; source restored`);
    process.exit(130);
  });
}
process.on("exit", () => {
  killChild();
  restoreActive();
});

// ---- one mutant ---------------------------------------------------------------------------

function occurrences(text: string, find: string): number {
  let n = 0;
  for (let i = text.indexOf(find); i >= 0; i = text.indexOf(find, i + 1)) n++;
  return n;
}

/** Why the list entry cannot be applied as written, or null. */
function staleness(m: Mutant): string | null {
  const path = join(ROOT, m.file);
  if (!existsSync(path)) return `${m.file} does not exist`;
  const n = occurrences(readFileSync(path, "utf8"), m.find);
  if (n !== 1) return `find string occurs ${n} times in ${m.file} (must be exactly once)`;
  if (m.find === m.replace) return "replace equals find";
  const missing = m.tests.filter((t) => !existsSync(join(ROOT, t)));
  if (missing.length > 0) return `test file(s) missing: ${missing.join(", ")}`;
  if (m.tests.length === 0) return "no test files listed";
  return null;
}

interface TestRun {
  code: number | null;
  timedOut: boolean;
  failed: string[];
  output: string;
}

function runTests(files: string[]): Promise<TestRun> {
  const report = join(tmpdir(), `idmef-mutants-${process.pid}-report.json`);
  rmSync(report, { force: true });
  const argv = [VITEST, "run", "--bail=1", "--reporter=dot", "--reporter=json", `--outputFile.json=${report}`, ...files];
  return new Promise((done) => {
    let output = "";
    const c = spawn(process.execPath, argv, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
    child = c;
    c.stdout!.on("data", (d: Buffer) => (output += d));
    c.stderr!.on("data", (d: Buffer) => (output += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killChild();
    }, timeoutSec * 1000);
    c.on("close", (code) => {
      clearTimeout(timer);
      child = null;
      done({ code, timedOut, failed: failedTests(report, output), output });
      rmSync(report, { force: true });
    });
  });
}

/** Names of the failing tests (or failing files, when a file could not even load). */
function failedTests(report: string, output: string): string[] {
  if (!existsSync(report)) return [];
  try {
    const r = JSON.parse(readFileSync(report, "utf8")) as {
      testResults: Array<{ name: string; status: string; message?: string; assertionResults: Array<{ fullName: string; status: string }> }>;
    };
    const out: string[] = [];
    for (const file of r.testResults) {
      const rel = file.name.startsWith(ROOT) ? file.name.slice(ROOT.length + 1) : file.name;
      const failed = file.assertionResults.filter((a) => a.status === "failed");
      for (const a of failed) out.push(`${rel} › ${a.fullName}`);
      if (failed.length === 0 && file.status === "failed") out.push(`${rel} (did not run: ${(file.message ?? "").split("\n")[0].slice(0, 120)})`);
    }
    return out;
  } catch {
    return output.includes("FAIL") ? ["(see output)"] : [];
  }
}

async function runMutant(m: Mutant): Promise<Result> {
  const started = Date.now();
  const secs = () => Math.round((Date.now() - started) / 100) / 10;
  const stale = staleness(m);
  if (stale) return { mutant: m, outcome: "STALE", seconds: 0, note: stale };

  const path = join(ROOT, m.file);
  const original = readFileSync(path);
  const mutated = original.toString("utf8").replace(m.find, () => m.replace);
  // A mutant that does not even parse is caught by the compiler, not by a test: say so.
  try {
    await transform(mutated, { loader: m.file.endsWith(".ts") ? "ts" : "js", format: "esm" });
  } catch (e) {
    return { mutant: m, outcome: "INVALID", seconds: secs(), note: `mutated file does not parse: ${(e as Error).message.split("\n")[0]}` };
  }
  const st = statSync(path);
  active = { pid: process.pid, file: m.file, original: original.toString("base64"), atimeMs: st.atimeMs, mtimeMs: st.mtimeMs };
  writeFileSync(JOURNAL, JSON.stringify(active));
  let run: TestRun;
  try {
    writeFileSync(path, mutated);
    run = await runTests(m.tests);
  } finally {
    restoreActive();
  }
  if (verbose) console.log(run.output);
  if (run.timedOut) return { mutant: m, outcome: "timeout", seconds: secs(), note: `tests did not finish in ${timeoutSec} s (counted as killed)` };
  if (run.code === 0) return { mutant: m, outcome: "SURVIVED", seconds: secs(), note: `all of ${m.tests.join(", ")} passed` };
  // vitest exits 1 when a test fails; anything else (a signal, a crash of vitest itself) proves nothing.
  if (run.code !== 1) return { mutant: m, outcome: "ERROR", seconds: secs(), note: `vitest exited ${run.code}: ${run.output.trim().split("\n").slice(-3).join(" | ")}` };
  return { mutant: m, outcome: "killed", seconds: secs(), note: run.failed[0] ?? "vitest exited 1" };
}

// ---- main ---------------------------------------------------------------------------------

function selected(): Mutant[] {
  const ids = new Set<string>();
  for (const m of mutants) {
    if (ids.has(m.id)) throw new Error(`duplicate mutant id ${m.id}`);
    ids.add(m.id);
  }
  if (selectors.length === 0) return mutants;
  const out = mutants.filter((m) => selectors.some((s) => m.id === s || m.id.startsWith(s)));
  if (out.length === 0) throw new Error(`no mutant matches ${selectors.join(" ")}`);
  return out;
}

async function main(): Promise<number> {
  takeLock();
  recoverFromJournal();
  const list = selected().map((m) => (testsOverride ? { ...m, tests: testsOverride } : m));
  if (opts.list) {
    for (const m of list) console.log(`${m.id.padEnd(40)} ${m.file}  [${m.tests.join(" ")}]\n${"".padEnd(41)}${m.why}`);
    return 0;
  }
  if (opts.check) {
    const stale = list.map((m) => [m.id, staleness(m)] as const).filter(([, why]) => why !== null);
    for (const [id, why] of stale) console.log(`STALE ${id}: ${why}`);
    console.log(`${list.length - stale.length} of ${list.length} mutants apply`);
    return stale.length > 0 ? 1 : 0;
  }
  const files = [...new Set(list.flatMap((m) => m.tests))].filter((t) => existsSync(join(ROOT, t)));
  if (!opts["no-baseline"]) {
    // Without this, a test that already fails would make every mutant look killed.
    process.stdout.write(`baseline: ${files.length} test files without any mutant ... `);
    const base = await runTests(files);
    if (base.code !== 0) {
      console.log(`FAILED\n${base.failed.slice(0, 10).join("\n")}\n${base.failed.length === 0 ? base.output.slice(-3000) : ""}`);
      console.log("the tests fail without any mutant; fix that first (or --no-baseline)");
      return 2;
    }
    console.log("pass");
  }
  const results: Result[] = [];
  for (const [i, m] of list.entries()) {
    process.stdout.write(`[${i + 1}/${list.length}] ${m.id} ... `);
    const r = await runMutant(m);
    results.push(r);
    console.log(`${r.outcome} (${r.seconds} s) ${r.note}`);
  }
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const bad = results.filter((r) => r.outcome !== "killed" && r.outcome !== "timeout");
  console.log(
    `\n${results.length} mutants: ${count("killed")} killed, ${count("timeout")} timed out (killed), ` +
      `${count("SURVIVED")} survived, ${count("STALE")} stale, ${count("INVALID")} invalid, ${count("ERROR")} errors`,
  );
  for (const r of bad) console.log(`  ${r.outcome} ${r.mutant.id}: ${r.note}`);
  return bad.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    restoreActive();
    process.exitCode = code;
  },
  (err) => {
    restoreActive();
    console.error(err);
    process.exitCode = 2;
  },
);
