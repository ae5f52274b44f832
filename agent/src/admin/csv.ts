/** CSV cells for operator output: quoted when needed; a leading = + - @ (a spreadsheet formula) is neutralised. */
export function csvCell(v: string | undefined): string {
  const s = v ?? "";
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replaceAll('"', '""')}"` : safe;
}
