/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/** Triage controls (single and bulk) and an alert's append-only history. */
import { TRIAGE_REASONS, type TriageEntry } from "../../store/triage.ts";

export function TriageForm(p: { bulk?: boolean; filterQuery?: string }) {
  return (
    <fieldset data-testid="triage-form">
      <legend>Triage{p.bulk ? " (bulk)" : ""}</legend>
      {p.bulk && (
        <>
          <label><input type="radio" name="scope" value="selection" checked /> selected alerts</label>{" "}
          <label><input type="radio" name="scope" value="filter" /> every alert of this filter</label>
          <input type="hidden" name="filter" value={p.filterQuery ?? ""} />
          <br />
        </>
      )}
      <label>reason{" "}
        <select name="reason">
          <option value="">—</option>
          {TRIAGE_REASONS.map((r) => <option value={r}>{r.replace("_", " ")}</option>)}
        </select>
      </label>{" "}
      <label>note <input name="note" size={40} maxlength={2000} /></label>{" "}
      <button type="submit" name="status" value="acknowledged">Acknowledge</button>{" "}
      <button type="submit" name="status" value="closed">Close</button>{" "}
      <button type="submit" name="status" value="open">Reopen</button>
    </fieldset>
  );
}

export function TriageHistory({ history }: { history: TriageEntry[] }) {
  if (history.length === 0) return <p class="muted">Open; never triaged.</p>;
  return (
    <table data-testid="triage-history">
      <thead><tr><th>when (UTC)</th><th>who</th><th>status</th><th>reason</th><th>note</th></tr></thead>
      <tbody>
        {history.map((h) => (
          <tr><td>{h.at}</td><td>{h.actor}</td><td>{h.status}</td><td>{h.reason ?? ""}</td><td>{h.note ?? ""}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
