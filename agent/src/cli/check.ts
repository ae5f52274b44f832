export async function command(_argv: string[]): Promise<number> {
  process.stderr.write("idmef-agent check: not built yet\n");
  return 2;
}
