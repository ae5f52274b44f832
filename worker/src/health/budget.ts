/**
 * Bounds on health alerts, pure. A rooted host holds its agent's key and can send any heartbeats
 * it likes; without bounds, 1000 alternating failed/running heartbeats in one request would be
 * 1000 high-severity alerts and 1000 webhook POSTs. Two bounds:
 * - per request: at most one event per kind (the first; the alert says how many there were);
 * - per analyzer and UTC hour: at most `cap` alerts stored; the rest are counted in the
 *   analyzer's row (GET /v1/analyzers: health_alerts_suppressed) and the next stored alert says
 *   how many were suppressed before it. State changes still apply: only the alerts are dropped.
 */
import type { AnalyzerHealth, HealthEvent, HealthEventKind, Transition } from "./state.ts";

const HOUR_MS = 3_600_000;

/** The first event of each kind, with how many of that kind there were. */
export function onePerKind(events: HealthEvent[]): HealthEvent[] {
  const first = new Map<HealthEventKind, HealthEvent>();
  for (const ev of events) {
    const kept = first.get(ev.kind);
    if (kept === undefined) first.set(ev.kind, { ...ev, repeats: 1 });
    else kept.repeats = (kept.repeats ?? 1) + 1;
  }
  return [...first.values()];
}

/**
 * Applies the hourly budget at `now` (the committing clock): returns the transition with the
 * events that may become alerts and the analyzer's counters updated. `cap` 0 stores none.
 */
export function withinHourlyBudget(t: Transition, now: number, cap: number): Transition {
  const hour = Math.floor(now / HOUR_MS);
  const sameHour = t.next.alertHour === hour;
  let inHour = sameHour ? t.next.alertsInHour : 0;
  let suppressed = t.next.alertsSuppressed;
  let total = t.next.alertsSuppressedTotal;
  const kept: HealthEvent[] = [];
  for (const ev of t.events) {
    if (inHour >= cap) {
      suppressed++;
      total++;
      continue;
    }
    inHour++;
    kept.push(suppressed > 0 ? { ...ev, suppressedBefore: suppressed } : ev);
    suppressed = 0;
  }
  const next: AnalyzerHealth = { ...t.next, alertHour: hour, alertsInHour: inHour, alertsSuppressed: suppressed, alertsSuppressedTotal: total };
  // Each event keeps the analyzer as it was at that event (an alert describes its own moment).
  return { next, events: kept };
}
