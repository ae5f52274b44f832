/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/** The alerts page: range, filters, severity histogram, group-by, the table with bulk triage. */
import type { AlertView } from "../../../../schema/api.ts";
import { GROUP_FIELDS, type GroupCount, type HistogramBucket } from "../../store/aggregate.ts";
import { triageKey, type TriageEntry } from "../../store/triage.ts";
import { alertsHref, FILTER_KEYS, RANGES, stateQuery, type ConsoleState } from "../state.ts";
import { SeverityBadge } from "./layout.tsx";
import { TriageForm } from "./triage.tsx";

const SEV_COLORS: Record<string, string> = { high: "#c62828", medium: "#ef6c00", low: "#f9a825", info: "#1e88e5", unknown: "#78909c" };
const STACK = ["info", "low", "medium", "high", "unknown"] as const;

export const detailHref = (a: { analyzerid: string; messageid: string }, tz: ConsoleState["tz"] = "utc") =>
  `/console/alert?${new URLSearchParams({ analyzerid: a.analyzerid, messageid: a.messageid, ...(tz === "local" ? { tz } : {}) })}`;

/** A time as UTC text; with tz=local, app.js rewrites it in the browser's zone from `datetime`. */
export const Time = ({ iso }: { iso: string }) => <time datetime={iso}>{iso.replace("T", " ").replace("Z", "")}</time>;

/** The UTC / local switch (kept in the URL as tz=local). */
export function ZoneToggle({ s, href }: { s: ConsoleState; href: (tz: string | null) => string }) {
  return (
    <span class="chips" data-testid="tz">
      times: <a class={s.tz === "utc" ? "on" : ""} href={href(null)}>UTC</a>
      <a class={s.tz === "local" ? "on" : ""} href={href("local")}>local</a>
      <span class="muted" id="tz-label">{s.tz === "local" ? "" : "UTC"}</span>
    </span>
  );
}

export function Histogram({ s, buckets, bucketMs }: { s: ConsoleState; buckets: HistogramBucket[]; bucketMs: number }) {
  const W = 900;
  const H = 110;
  const max = Math.max(1, ...buckets.map((b) => STACK.reduce((n, k) => n + b[k], 0)));
  const bw = W / Math.max(1, buckets.length);
  return (
    <svg width="100%" viewBox={`0 0 ${W} ${H + 14}`} role="img" aria-label="alerts per severity over time" data-testid="histogram">
      {buckets.map((b, i) => {
        let y = H;
        const total = STACK.reduce((n, k) => n + b[k], 0);
        return (
          <a href={alertsHref(s, { range: "custom", from: new Date(b.start).toISOString(), to: new Date(b.start + bucketMs).toISOString(), cursor: null })}>
            <title>{`${new Date(b.start).toISOString()}: ${total} alerts (high ${b.high}, medium ${b.medium}, low ${b.low}, info ${b.info})`}</title>
            <rect x={i * bw} y={0} width={bw} height={H} fill="transparent" />
            {STACK.map((k) => {
              const h = (b[k] / max) * H;
              y -= h;
              return h > 0 ? <rect x={i * bw + 1} y={y} width={Math.max(1, bw - 2)} height={h} fill={SEV_COLORS[k]} /> : null;
            })}
          </a>
        );
      })}
      <text x="0" y={H + 12} font-size="11">{new Date(buckets[0]?.start ?? s.since).toISOString().slice(0, 16).replace("T", " ")} UTC</text>
      <text x={W} y={H + 12} font-size="11" text-anchor="end">{new Date(s.until).toISOString().slice(0, 16).replace("T", " ")} UTC</text>
    </svg>
  );
}

function Filters({ s }: { s: ConsoleState }) {
  return (
    <fieldset>
      <legend>Range and filters</legend>
      <div class="chips" data-testid="ranges">
        {RANGES.filter((r) => r !== "custom").map((r) => (
          <a class={s.range === r ? "on" : ""} href={alertsHref(s, { range: r, from: null, to: null, cursor: null })}>{r}</a>
        ))}
      </div>
      <form method="get" action="/console" id="filters">
        <label>from <input name="from" value={new Date(s.since).toISOString()} size={24} data-time-input="" /></label>{" "}
        <label>to <input name="to" value={new Date(s.until).toISOString()} size={24} data-time-input="" /></label>
        <input type="hidden" name="range" value="custom" />{" "}
        {s.tz === "local" && <input type="hidden" name="tz" value="local" />}
        <ZoneToggle s={s} href={(tz) => alertsHref(s, { tz })} />
        <br />
        {FILTER_KEYS.map((k) => (
          <label>
            {k} <input name={k} value={s.filters[k] ?? ""} size={k === "severity" || k === "completion" ? 10 : 16} />{" "}
          </label>
        ))}
        {s.group && <input type="hidden" name="group" value={s.group} />}
        <button type="submit">Apply</button>{" "}
        <a href={alertsHref(s, { triage: s.filters.triage === "" ? null : "", cursor: null })} data-testid="toggle-triage">
          {s.filters.triage === "" ? "hide acknowledged and closed" : "show acknowledged and closed"}
        </a>
      </form>
    </fieldset>
  );
}

function GroupBy({ s, groups, total }: { s: ConsoleState; groups: GroupCount[] | null; total: number }) {
  return (
    <section>
      <span>Group by: </span>
      <span class="chips">
        {GROUP_FIELDS.map((f) => (
          <a class={s.group === f ? "on" : ""} href={alertsHref(s, { group: s.group === f ? null : f, cursor: null })}>{f}</a>
        ))}
      </span>
      {s.group && groups && (
        <table data-testid="groups">
          <thead><tr><th>{s.group}</th><th>alerts</th></tr></thead>
          <tbody>
            {groups.map((g) => (
              <tr>
                <td>
                  {/* The drill-down sets the group's value as a filter (URL-encoded by URLSearchParams). */}
                  <a href={alertsHref(s, { [s.group!]: g.value ?? "", group: null, cursor: null })}>{g.value ?? "(none)"}</a>
                </td>
                <td>{g.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">{total} alerts match (any triage status)</p>
    </section>
  );
}

export function AlertsPage(p: {
  s: ConsoleState;
  alerts: AlertView[];
  cursor: string | null;
  triage: Map<string, TriageEntry>;
  buckets: HistogramBucket[];
  bucketMs: number;
  groups: GroupCount[] | null;
  total: number;
  canTriage: boolean;
}) {
  const { s } = p;
  const back = `/console?${stateQuery(s)}`;
  return (
    <>
      <Filters s={s} />
      <Histogram s={s} buckets={p.buckets} bucketMs={p.bucketMs} />
      <GroupBy s={s} groups={p.groups} total={p.total} />
      <p>
        Export: <a href={`/console/export?${stateQuery(s, { format: "csv", cursor: null })}`}>CSV</a> ·{" "}
        <a href={`/console/export?${stateQuery(s, { format: "jsonl", cursor: null })}`}>JSON lines (IDMEF)</a> · Auto-refresh{" "}
        <select id="refresh" data-testid="refresh">
          <option value="0">off</option>
          <option value="30">30 s</option>
          <option value="60">1 min</option>
          <option value="300">5 min</option>
        </select>
      </p>
      <form method="post" action="/console/triage" id="bulk">
        <input type="hidden" name="back" value={back} />
        <table data-testid="alerts">
          <thead>
            <tr>
              <th>{p.canTriage && <input type="checkbox" id="select-all" aria-label="select all" />}</th>
              <th>severity</th><th>detect time</th><th>classification</th><th>source</th><th>target</th><th>analyzer / host</th><th>triage</th>
            </tr>
          </thead>
          <tbody>
            {p.alerts.map((a) => {
              const t = p.triage.get(triageKey(a));
              return (
                <tr data-time={String(Date.parse(a.detect_time))}>
                  <td>{p.canTriage && <input type="checkbox" name="key" value={JSON.stringify([a.analyzerid, a.messageid])} />}</td>
                  <td><SeverityBadge severity={a.severity} /></td>
                  <td><a href={detailHref(a, s.tz)}><Time iso={a.detect_time} /></a></td>
                  <td>{a.classification}</td>
                  <td>{a.source_node ?? ""}</td>
                  <td>{[a.target_user, a.target_process, a.target_file].filter((x) => x).join(" · ")}</td>
                  <td>{a.analyzerid}{a.target_node ? ` / ${a.target_node}` : ""}</td>
                  <td data-testid="triage-status">{t ? `${t.status}${t.reason ? ` (${t.reason})` : ""} by ${t.actor}` : "open"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {p.alerts.length === 0 && <p class="muted">No alerts in this range and filter.</p>}
        {p.canTriage && <TriageForm bulk filterQuery={stateQuery(s, { cursor: null })} />}
      </form>
      {p.cursor && (
        <p><a href={alertsHref(s, { cursor: p.cursor })} data-testid="next-page">Older alerts →</a></p>
      )}
    </>
  );
}
