/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * Page frame: header with the summary (counts by severity in the range, analyzers up/down), nav,
 * who is signed in. Every value from alerts reaches the page as a JSX text child or attribute,
 * which hono/jsx escapes; nothing here uses raw HTML. Scripts and styles carry the CSP nonce.
 */
import type { Child } from "hono/jsx";
import type { ConsoleIdentity } from "../auth/sessions.ts";

export interface Summary {
  severity: Record<string, number>;
  analyzers: { up: number; down: number };
  /** Query string of the current range, for the summary links. */
  rangeQuery: string;
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#1d2733;color:#fff;padding:.5rem 1rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
header a{color:#cfe3ff;text-decoration:none} header .who{margin-left:auto;opacity:.85}
main{padding:1rem}
table{border-collapse:collapse;width:100%;background:#fff} td,th{border-bottom:1px solid #e3e6ea;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f4;font-weight:600} tr.new{background:#fff8d6}
.sev{display:inline-block;padding:0 .45rem;border-radius:.6rem;color:#fff;font-size:12px}
.sev-high{background:#c62828}.sev-medium{background:#ef6c00}.sev-low{background:#f9a825;color:#222}.sev-info{background:#1e88e5}.sev-unknown{background:#78909c}
.health-online{color:#2e7d32}.health-missing,.health-failed{color:#c62828;font-weight:600}.health-offline,.health-unknown{color:#78909c}
form.inline{display:inline} fieldset{border:1px solid #d5dae0;background:#fff;margin:0 0 .8rem}
.chips a{margin-right:.6rem} .chips a.on{font-weight:700;text-decoration:underline}
pre{background:#fff;border:1px solid #d5dae0;padding:.6rem;overflow:auto;max-height:30rem;white-space:pre-wrap;word-break:break-all}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;background:#fff;padding:.5rem;border:1px solid #e3e6ea} dt{font-weight:600}
section{margin-bottom:1rem} .muted{color:#66707a} .error{color:#c62828}
`;

export function Layout(p: { title: string; nonce: string; who: ConsoleIdentity | null; summary?: Summary; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{p.title} · idmef-edge</title>
        <style nonce={p.nonce}>{STYLE}</style>
        <script nonce={p.nonce} src="/console/app.js" defer></script>
      </head>
      <body>
        <header>
          <strong>idmef-edge</strong>
          <nav>
            <a href="/console">Alerts</a> · <a href="/console/analyzers">Analyzers</a>
          </nav>
          {p.summary && <SummaryBar s={p.summary} />}
          {p.who && (
            <span class="who">
              <span data-testid="who">{p.who.identity}</span> ({p.who.role}){" "}
              <form class="inline" method="post" action="/console/logout">
                <button type="submit">Sign out</button>
              </form>
            </span>
          )}
        </header>
        <main>{p.children}</main>
      </body>
    </html>
  );
}

function SummaryBar({ s }: { s: Summary }) {
  return (
    <span data-testid="summary">
      {(["high", "medium", "low", "info"] as const).map((sev) => (
        <a href={`/console?${s.rangeQuery}&severity=${sev}`}>
          <span class={`sev sev-${sev}`}>
            {sev} {s.severity[sev] ?? 0}
          </span>{" "}
        </a>
      ))}
      <a href="/console/analyzers">
        analyzers: {s.analyzers.up} up, <span class={s.analyzers.down ? "health-missing" : ""}>{s.analyzers.down} down</span>
      </a>
    </span>
  );
}

export const SeverityBadge = ({ severity }: { severity: string | null }) => {
  const s = severity && ["high", "medium", "low", "info"].includes(severity) ? severity : "unknown";
  return <span class={`sev sev-${s}`}>{severity ?? "—"}</span>;
};

/** "3 min ago" style, from the server clock (no client script needed). */
export function ago(iso: string | null, now: number): string {
  if (!iso) return "never";
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 0) return "in the future";
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}
