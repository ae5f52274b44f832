/**
 * `idmef-agent [run] [--config FILE]`: the audit dispatcher plugin. Signals: SIGTERM (and SIGINT)
 * stop cleanly, SIGHUP reloads the config and rules. Exit 0 after a clean stop, 1 on a fatal error.
 */
import { parseArgs } from "node:util";
import { Plugin } from "../plugin.ts";
import { pluginInput } from "../io/coalescing-reader.ts";
// From config.ts, not check.ts: check loads undici, which plugin mode does not need (~20 MB).
import { DEFAULT_CONFIG_FILE } from "../config.ts";

export async function command(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: "string", default: DEFAULT_CONFIG_FILE } }, strict: true });
  const plugin = new Plugin({ configFile: values.config!, input: pluginInput() });
  // Signals that arrive while starting are held until the plugin can act on them (a SIGHUP's
  // default action would kill the process; a SIGTERM is acted on right after start).
  let started = false;
  let held: "SIGTERM" | "SIGINT" | null = null;
  const onTerm = (sig: "SIGTERM" | "SIGINT") => () => {
    if (started) void plugin.stop(sig);
    else held = sig;
  };
  const handlers = {
    SIGTERM: onTerm("SIGTERM"),
    SIGINT: onTerm("SIGINT"),
    SIGHUP: () => void (started && plugin.reload()),
  };
  for (const [sig, f] of Object.entries(handlers)) process.on(sig, f);
  const onFatal = (err: unknown) => void plugin.fail(err);
  try {
    await plugin.start();
  } catch (err) {
    process.stderr.write(`idmef-agent: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  started = true;
  process.on("uncaughtException", onFatal);
  process.on("unhandledRejection", onFatal);
  if (held) void plugin.stop(held);
  const code = await plugin.done;
  for (const [sig, f] of Object.entries(handlers)) process.off(sig, f);
  // Do not wait for an idle stdin or leftover sockets: the work is done and the spool is closed.
  setImmediate(() => process.exit(code));
  return code;
}
