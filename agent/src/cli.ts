const USAGE = `usage: idmef-agent [run] [--config FILE]
       idmef-agent replay [FILE|-] [--format idmef|events] [--send] [--config FILE]
       idmef-agent keygen [--dir DIR] [--json]
       idmef-agent check [--config FILE]`;

const COMMANDS = ["run", "replay", "keygen", "check"] as const;
type CommandName = (typeof COMMANDS)[number];

interface CommandModule {
  command(argv: string[]): Promise<number>;
}

/** Each subcommand lives in cli/<name>.ts and is loaded only when used, so `replay` starts fast. */
const load: Record<CommandName, () => Promise<CommandModule>> = {
  run: () => import("./cli/run.ts"),
  replay: () => import("./cli/replay.ts"),
  keygen: () => import("./cli/keygen.ts"),
  check: () => import("./cli/check.ts"),
};

export async function main(argv: string[]): Promise<number> {
  // Spool, dead-letters, keys: everything the agent writes is root's alone, whatever umask the
  // process inherited (auditd's, a shell's 022). Explicit modes stay as a second line of defence.
  process.umask(0o077);
  if (argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  // `run` is the default, so audit's plugin `args = --config FILE` works without a subcommand.
  const name = (COMMANDS as readonly string[]).includes(argv[0] ?? "") ? (argv[0] as CommandName) : "run";
  const rest = name === argv[0] ? argv.slice(1) : argv;
  try {
    return await (await load[name]()).command(rest);
  } catch (err) {
    process.stderr.write(`idmef-agent ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
