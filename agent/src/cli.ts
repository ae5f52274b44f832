const USAGE = `usage: idmef-agent [run] [--config FILE]
       idmef-agent replay [FILE|-] [--format idmef|events] [--send] [--config FILE]
       idmef-agent keygen [--dir DIR] [--json]
       idmef-agent check [--config FILE]`;

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  process.stderr.write(USAGE + "\n");
  return 2;
}
