/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/** The fleet: every analyzer with health, last heartbeat, counters and alert counts; one
 *  analyzer's heartbeat history. */
import type { AnalyzerView } from "../../../../schema/api.ts";
import type { HeartbeatHistoryItem } from "../../store/fleet.ts";
import { ago } from "./layout.tsx";

const COUNTERS = ["records", "events", "lost", "drop", "spool"];
const alertsOf = (id: string) => `/console?${new URLSearchParams({ analyzerid: id, range: "24h" })}`;
const analyzerHref = (id: string) => `/console/analyzer?${new URLSearchParams({ analyzerid: id })}`;

function counterText(counters: Record<string, number> | null): string {
  if (!counters) return "";
  return Object.entries(counters)
    .filter(([k]) => COUNTERS.some((c) => k.toLowerCase().includes(c)))
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
}

export function AnalyzersPage(p: { analyzers: AnalyzerView[]; next: string | null; severity: Map<string, Record<string, number>>; now: number }) {
  return (
    <>
      <h2>Analyzers</h2>
      <table data-testid="analyzers">
        <thead>
          <tr><th>analyzer</th><th>health</th><th>last heartbeat</th><th>interval</th><th>version / model</th><th>node</th><th>counters</th><th>alerts 24 h (h/m/l/i)</th></tr>
        </thead>
        <tbody>
          {p.analyzers.map((a) => {
            const health = typeof a.health === "string" ? a.health : "unknown";
            const sev = p.severity.get(a.analyzerid) ?? {};
            return (
              <tr data-analyzer={a.analyzerid}>
                <td><a href={analyzerHref(a.analyzerid)}>{a.name ?? a.analyzerid}</a><br /><span class="muted">{a.analyzerid}</span></td>
                <td class={`health-${health}`} data-testid="health">{health}</td>
                <td title={a.last_heartbeat_at ?? ""}>{ago(a.last_heartbeat_at, p.now)}</td>
                <td>{a.heartbeat_interval ? `${a.heartbeat_interval} s` : "—"}</td>
                <td>{String(a.model ?? "")}</td>
                <td>{a.node_name ?? ""}</td>
                <td>{counterText(a.counters)}</td>
                <td><a href={alertsOf(a.analyzerid)}>{`${sev.high ?? 0} / ${sev.medium ?? 0} / ${sev.low ?? 0} / ${sev.info ?? 0}`}</a></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {p.next && <p><a href={`/console/analyzers?${new URLSearchParams({ after: p.next })}`}>Next analyzers →</a></p>}
    </>
  );
}

export function AnalyzerPage(p: { a: AnalyzerView; heartbeats: HeartbeatHistoryItem[]; next: number | null; now: number }) {
  const { a } = p;
  return (
    <>
      <p><a href="/console/analyzers">← all analyzers</a></p>
      <h2>{a.name ?? a.analyzerid}</h2>
      <dl>
        <dt>analyzer id</dt><dd>{a.analyzerid}</dd>
        <dt>health</dt><dd>{String(a.health ?? "unknown")}</dd>
        <dt>status</dt><dd>{a.status ?? ""}</dd>
        <dt>last heartbeat</dt><dd>{ago(a.last_heartbeat_at, p.now)} ({a.last_heartbeat_at ?? "never"})</dd>
        <dt>counters</dt><dd>{JSON.stringify(a.counters ?? {})}</dd>
      </dl>
      <p><a href={alertsOf(a.analyzerid)}>Its alerts</a></p>
      <h3>Heartbeat history</h3>
      <table data-testid="heartbeats">
        <thead><tr><th>sent (UTC)</th><th>received</th><th>status</th><th>interval</th><th>events</th></tr></thead>
        <tbody>
          {p.heartbeats.map((h) => (
            <tr><td>{h.create_time}</td><td>{h.received_at}</td><td>{h.status ?? ""}</td><td>{h.heartbeat_interval ?? ""}</td><td>{h.events.join(", ").replaceAll("_", " ")}</td></tr>
          ))}
        </tbody>
      </table>
      {p.next !== null && <p><a href={`${analyzerHref(a.analyzerid)}&before=${p.next}`}>Older heartbeats →</a></p>}
    </>
  );
}
