/**
 * Alert counts by rule for the live corpus (../shared/corpus/live/*.log), default rules or
 * `--config FILE`, so a reader can judge them next to the record counts they come from.
 * Run: node scripts/alert-counts.ts [--config FILE] [DIR]
 */
import { createReadStream, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readEvents } from "../agent/src/io/read-events.ts";
import { DEFAULT_CONFIG, parseConfig, type AgentConfig } from "../agent/src/config.ts";
import { createMapper, type MapperCounters } from "../agent/src/rules/index.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));

/** Record types whose every record (or failed record) should yield an alert, for the side-by-side view. */
const SOURCE_TYPES = [
  "USER_LOGIN", "USER_AUTH", "USER_ACCT", "ADD_USER", "DEL_USER", "ADD_GROUP", "DEL_GROUP", "USER_MGMT",
  "GRP_MGMT", "USER_CHAUTHTOK", "USER_CMD", "ANOM_ABEND", "ANOM_PROMISCUOUS", "SECCOMP", "CONFIG_CHANGE",
  "DAEMON_CONFIG", "DAEMON_END", "DAEMON_ABORT", "AVC", "KERN_MODULE",
];

export async function countFile(file: string, config: AgentConfig): Promise<MapperCounters> {
  const mapper = createMapper({ config, clock: () => 0 });
  await readEvents(createReadStream(file), { onEvent: (e) => void mapper.map(e) });
  return mapper.counters;
}

function recordCounts(file: string): Map<string, { all: number; failed: number }> {
  const counts = new Map<string, { all: number; failed: number }>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^(?:node=\S+ )?type=(\w+) /.exec(line);
    if (!m || !SOURCE_TYPES.includes(m[1])) continue;
    const c = counts.get(m[1]) ?? { all: 0, failed: 0 };
    c.all++;
    if (/ res=(failed|0)\b|success=no/.test(line)) c.failed++;
    counts.set(m[1], c);
  }
  return counts;
}

async function main(argv: string[]): Promise<void> {
  let config = DEFAULT_CONFIG;
  let dir = resolve(REPO, "../shared/corpus/live");
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--config") config = parseConfig(readFileSync(argv[++i], "utf8"), argv[i]);
    else dir = resolve(argv[i]);
  }
  const files = readdirSync(dir).filter((f) => f.endsWith(".log")).sort();
  const perFile: [string, MapperCounters][] = [];
  for (const f of files) perFile.push([f, await countFile(join(dir, f), config)]);
  const rules = [...new Set(perFile.flatMap(([, c]) => Object.keys(c.alertsByRule)))].sort();
  const short = (f: string) => f.split("-")[0] + (f.includes(".1.") ? ".1" : f.includes(".2.") ? ".2" : "");
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const w = Math.max(...rules.map((r) => r.length), 16);
  console.log(`Alerts by rule, ${dir} (${config === DEFAULT_CONFIG ? "default rules" : "custom config"})\n`);
  console.log("rule".padEnd(w) + perFile.map(([f]) => pad(short(f), 7)).join("") + pad("total", 8));
  for (const r of rules) {
    const row = perFile.map(([, c]) => c.alertsByRule[r] ?? 0);
    console.log(r.padEnd(w) + row.map((n) => pad(n, 7)).join("") + pad(row.reduce((a, b) => a + b, 0), 8));
  }
  for (const k of ["events", "alerts", "unmapped"] as const) {
    const row = perFile.map(([, c]) => c[k]);
    console.log(`(${k})`.padEnd(w) + row.map((n) => pad(n, 7)).join("") + pad(row.reduce((a, b) => a + b, 0), 8));
  }
  console.log(`\nSource records in the same files (all / failed):\n`);
  const totals = new Map<string, { all: number; failed: number }>();
  for (const f of files) for (const [t, c] of recordCounts(join(dir, f))) {
    const x = totals.get(t) ?? { all: 0, failed: 0 };
    totals.set(t, { all: x.all + c.all, failed: x.failed + c.failed });
  }
  for (const t of SOURCE_TYPES) {
    const c = totals.get(t);
    if (c) console.log(`${t.padEnd(w)}${pad(c.all, 7)} /${pad(c.failed, 5)}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
