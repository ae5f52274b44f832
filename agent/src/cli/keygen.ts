export async function command(_argv: string[]): Promise<number> {
  process.stderr.write("idmef-agent keygen: not built yet\n");
  return 2;
}
