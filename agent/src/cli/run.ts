/**
 * `idmef-agent [run] [--config FILE]`: the audit dispatcher plugin. Signals: SIGTERM (and SIGINT)
 * stop cleanly, SIGHUP reloads the config and rules. Exit 0 after a clean stop, 1 on a fatal error.
 */
import { parseArgs } from "node:util";
import { Plugin } from "../plugin.ts";
import { DEFAULT_CONFIG_FILE } from "./check.ts";

export async function command(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: "string", default: DEFAULT_CONFIG_FILE } }, strict: true });
  const plugin = new Plugin({ configFile: values.config!, input: process.stdin });
  const onTerm = () => void plugin.stop("SIGTERM");
  const onInt = () => void plugin.stop("SIGINT");
  const onHup = () => void plugin.reload();
  const onFatal = (err: unknown) => void plugin.fail(err);
  process.on("SIGTERM", onTerm);
  process.on("SIGINT", onInt);
  process.on("SIGHUP", onHup);
  process.on("uncaughtException", onFatal);
  process.on("unhandledRejection", onFatal);
  try {
    await plugin.start();
  } catch (err) {
    process.stderr.write(`idmef-agent: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  const code = await plugin.done;
  for (const [sig, f] of [["SIGTERM", onTerm], ["SIGINT", onInt], ["SIGHUP", onHup]] as const) process.off(sig, f);
  // Do not wait for an idle stdin or leftover sockets: the work is done and the spool is closed.
  setImmediate(() => process.exit(code));
  return code;
}
