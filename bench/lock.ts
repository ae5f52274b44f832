/** Benchmarks never overlap: re-run this process under `flock /tmp/bench.lock` unless it already holds it. */
import { spawnSync } from "node:child_process";

export function holdBenchLock(): void {
  if (process.env.IDMEF_BENCH_LOCKED === "1") return;
  const r = spawnSync("flock", ["/tmp/bench.lock", process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, IDMEF_BENCH_LOCKED: "1" },
  });
  process.exit(r.status ?? 1);
}
