/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/** One alert: the IDMEF message as readable sections, pivots, triage, raw JSON with copy. */
import type { AlertView } from "../../../../schema/api.ts";
import type { TriageEntry } from "../../store/triage.ts";
import { alertsHref, type ConsoleState } from "../state.ts";
import { Time, ZoneToggle } from "./alerts.tsx";
import { SeverityBadge } from "./layout.tsx";
import { TriageForm, TriageHistory } from "./triage.tsx";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** [path, text] pairs of a JSON value: every leaf becomes text (links in alerts are not links). */
export function flatten(v: Json, path = ""): Array<[string, string]> {
  if (v === null || typeof v !== "object") return [[path || "value", String(v)]];
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  return entries.flatMap(([k, x]) => flatten(x, path ? `${path}.${k}` : k));
}

function Fields({ title, value, testid }: { title: string; value: Json | undefined; testid?: string }) {
  if (value === undefined || value === null) return null;
  return (
    <section data-testid={testid}>
      <h3>{title}</h3>
      <dl>
        {flatten(value).map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

const TEN_MIN = 600_000;

export function DetailPage(p: { a: AlertView; s: ConsoleState; history: TriageEntry[]; canTriage: boolean; back: string }) {
  const { a, s } = p;
  const msg = (a.message as { alert?: Record<string, Json> }).alert ?? {};
  const t = Date.parse(a.detect_time);
  // Pivots keep the page's other state but replace the filters (one dimension at a time).
  const base: ConsoleState = { ...s, filters: { triage: "" }, group: null, cursor: undefined };
  const pivots: Array<[string, Record<string, string | null>]> = [
    ["same analyzer / host", { analyzerid: a.analyzerid }],
    ...(a.target_user ? [["same user", { target_user: a.target_user }] as [string, Record<string, string>]] : []),
    ["same classification", { classification: a.classification }],
    ["±10 min", { range: "custom", from: new Date(t - TEN_MIN).toISOString(), to: new Date(t + TEN_MIN).toISOString() }],
  ];
  const additional = (msg.additional_data as Array<Record<string, Json>> | undefined) ?? [];
  return (
    <>
      <p><a href={p.back}>← back to the list</a></p>
      <h2>
        <SeverityBadge severity={a.severity} /> <span data-testid="classification">{a.classification}</span>
      </h2>
      <p class="chips" data-testid="pivots">
        Pivot: {pivots.map(([label, change]) => <a href={alertsHref(base, { ...change, cursor: null })}>{label}</a>)}
      </p>
      <section>
        <h3>Times <ZoneToggle s={s} href={(tz) => `/console/alert?${new URLSearchParams({ analyzerid: a.analyzerid, messageid: a.messageid, ...(tz ? { tz } : {}) })}`} /></h3>
        <dl>
          <dt>detect time</dt>
          <dd data-testid="detect-time">
            <Time iso={a.detect_time} />
            {a.claimed_detect_time ? ` (clamped to its receipt: the sender claimed ${a.claimed_detect_time})` : ""}
          </dd>
          <dt>create time</dt><dd><Time iso={a.create_time} /></dd>
          <dt>received</dt><dd><Time iso={a.received_at} /></dd>
          <dt>as sent</dt><dd>{String(msg.detect_time ?? msg.create_time ?? "")}</dd>
        </dl>
      </section>
      <Fields title="Classification and references" value={msg.classification} />
      <Fields title="Assessment" value={msg.assessment} />
      <Fields title="Analyzer chain" value={msg.analyzer} />
      {((msg.source as Json[] | undefined) ?? []).map((src, i) => <Fields title={`Source ${i + 1}`} value={src} />)}
      {((msg.target as Json[] | undefined) ?? []).map((tgt, i) => <Fields title={`Target ${i + 1}`} value={tgt} testid={`target-${i}`} />)}
      {additional.length > 0 && (
        <section>
          <h3>Additional data</h3>
          <table data-testid="additional-data">
            <thead><tr><th>meaning</th><th>type</th><th>data</th></tr></thead>
            <tbody>
              {additional.map((d) => (
                <tr><td>{String(d.meaning ?? "")}</td><td>{String(d.type ?? "")}</td><td>{typeof d.data === "object" ? JSON.stringify(d.data) : String(d.data)}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section>
        <h3>Triage</h3>
        <TriageHistory history={p.history} />
        {p.canTriage && (
          <form method="post" action="/console/triage">
            <input type="hidden" name="key" value={JSON.stringify([a.analyzerid, a.messageid])} />
            <input type="hidden" name="back" value={`/console/alert?${new URLSearchParams({ analyzerid: a.analyzerid, messageid: a.messageid })}`} />
            <TriageForm />
          </form>
        )}
      </section>
      <section>
        <h3>Raw IDMEF JSON <button type="button" id="copy-raw" data-target="raw-json">Copy</button></h3>
        <pre id="raw-json" data-testid="raw-json">{JSON.stringify(a.message, null, 2)}</pre>
      </section>
    </>
  );
}
