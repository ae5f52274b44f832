/** laurel's config for the benchmarks: its log into `dir`, enrichment off, no rotation. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** Writes DIR/config.toml and returns its path. `user`: the account laurel drops to (as an auditd plugin). */
export function laurelConfig(dir: string, user?: string): string {
  const file = join(dir, "config.toml");
  writeFileSync(
    file,
    [
      `directory = ${JSON.stringify(dir)}`,
      ...(user ? [`user = ${JSON.stringify(user)}`] : []),
      "statusreport-period = 0",
      "[auditlog]",
      'file = "audit.log"',
      "size = 100000000000",
      "generations = 1",
      "[translate]",
      "universal = false",
      "user-db = false",
      "[enrich]",
      "pid = false",
      "execve-env = []",
      "container = false",
      "script = false",
      "",
    ].join("\n"),
    { mode: 0o640 },
  );
  return file;
}
