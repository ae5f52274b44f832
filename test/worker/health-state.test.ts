// The pure state machine: every transition, with time as data.
import { describe, expect, it } from "vitest";
import { onePerKind, withinHourlyBudget } from "../../worker/src/health/budget.ts";
import { heartbeatFacts } from "../../worker/src/health/facts.ts";
import { onDeadline, onHeartbeat, type AnalyzerHealth, type HealthEvent, type Transition } from "../../worker/src/health/state.ts";
import { heartbeat, MIN, T0 } from "./health-helpers.ts";

const rules = { marginMs: 60_000, maxIntervalS: 86_400 };
const kinds = (events: HealthEvent[]) => events.map((e) => `${e.kind}:${e.severity}`);

/** Feeds heartbeats (status, received at) through the machine, returning the final state and all events. */
function run(steps: ([string, number] | ["tick", number])[], opts: { dropped?: number } = {}) {
  let h: AnalyzerHealth | null = null;
  const events: HealthEvent[] = [];
  for (const [what, at] of steps) {
    const t: Transition | null = what === "tick" ? (h ? onDeadline(h, at, rules) : null) : onHeartbeat(h, heartbeatFacts(heartbeat("a1", what, at, opts)), at, rules);
    if (t) {
      h = t.next;
      events.push(...t.events);
    }
  }
  return { h: h!, events };
}

describe("heartbeat facts", () => {
  it("reads status, interval, drop counters, name and node from an IDMEF heartbeat", () => {
    const f = heartbeatFacts(heartbeat("a1", "Running", T0, { interval: 30, dropped: 2, lost: 3 }));
    expect(f).toMatchObject({ analyzerid: "a1", status: "running", intervalS: 30, drops: 5, createMs: T0, name: "agent on a1" });
    expect(f.node?.name).toBe("a1.example.net");
  });
  it("defaults the interval to 600 s when the heartbeat has none", () => {
    const hb = heartbeat("a1", "running", T0);
    delete hb.heartbeat_interval;
    expect(heartbeatFacts(hb).intervalS).toBe(600);
  });
});

describe("transitions", () => {
  it("first heartbeat: online, no alert; watched from its receive time", () => {
    const { h, events } = run([["starting", T0]]);
    expect(h).toMatchObject({ state: "online", since: T0, lastSeen: T0 });
    expect(events).toEqual([]);
  });

  it("online → missing exactly at interval + margin, medium, and only once", () => {
    let { h } = run([["starting", T0], ["running", T0 + 10 * MIN]]);
    expect(onDeadline(h, T0 + 21 * MIN - 1, rules)).toBeNull();
    const t = onDeadline(h, T0 + 21 * MIN, rules)!;
    expect(t.next).toMatchObject({ state: "missing", since: T0 + 21 * MIN });
    expect(kinds(t.events)).toEqual(["missing:medium"]);
    h = t.next;
    expect(onDeadline(h, T0 + 60 * MIN, rules)).toBeNull();
  });

  it("missing is high when the counters grew with the last heartbeat, medium when they only show old drops", () => {
    expect(kinds(run([["running", T0], ["tick", T0 + 12 * MIN]], { dropped: 4 }).events)).toEqual(["missing:high"]);
    // Cumulative counters: 4 drops long ago, none since.
    const calm = run([["starting", T0], ["running", T0 + 10 * MIN], ["tick", T0 + 22 * MIN]], { dropped: 4 });
    expect(calm.h).toMatchObject({ drops: 4, dropsNew: 0 });
    expect(kinds(calm.events)).toEqual(["missing:medium"]);
    // Growing in the last heartbeat.
    let h = onHeartbeat(null, heartbeatFacts(heartbeat("a1", "running", T0, { lost: 2 })), T0, rules)!.next;
    h = onHeartbeat(h, heartbeatFacts(heartbeat("a1", "running", T0 + 10 * MIN, { lost: 7 })), T0 + 10 * MIN, rules)!.next;
    expect(h.dropsNew).toBe(5);
    expect(kinds(onDeadline(h, T0 + 21 * MIN, rules)!.events)).toEqual(["missing:high"]);
    // A restart resets the agent's counters: what a `starting` heartbeat reports is all new.
    h = onHeartbeat(h, heartbeatFacts(heartbeat("a1", "starting", T0 + 11 * MIN, { lost: 1 })), T0 + 11 * MIN, rules)!.next;
    expect(h.dropsNew).toBe(1);
  });

  it("missing → resumed (info) on the next heartbeat", () => {
    const { h, events } = run([["running", T0], ["tick", T0 + 12 * MIN], ["tick", T0 + 13 * MIN], ["running", T0 + 30 * MIN]]);
    expect(kinds(events)).toEqual(["missing:medium", "resumed:info"]);
    expect(h).toMatchObject({ state: "online", since: T0 + 30 * MIN });
  });

  it("missing → starting: resumed AND unexpected restart (it never said exiting)", () => {
    const { events } = run([["running", T0], ["tick", T0 + 12 * MIN], ["starting", T0 + 30 * MIN]]);
    expect(kinds(events)).toEqual(["missing:medium", "resumed:info", "restart:low"]);
  });

  it("clean stop → offline with no alert, never missing, and a restart after it is quiet", () => {
    const { h, events } = run([["starting", T0], ["exiting", T0 + MIN], ["tick", T0 + 99 * MIN], ["starting", T0 + 100 * MIN]]);
    expect(events).toEqual([]);
    expect(h.state).toBe("online");
  });

  it("offline is recorded with its time", () => {
    const { h } = run([["running", T0], ["exiting", T0 + 5 * MIN]]);
    expect(h).toMatchObject({ state: "offline", since: T0 + 5 * MIN });
  });

  it("failed heartbeat → failed, high, raised on the heartbeat itself; not repeated; not missing", () => {
    const { h, events } = run([["running", T0], ["failed", T0 + MIN], ["failed", T0 + 2 * MIN], ["tick", T0 + 99 * MIN]]);
    expect(kinds(events)).toEqual(["failed:high"]);
    expect(events[0].at).toBe(T0 + MIN);
    expect(h).toMatchObject({ state: "failed", since: T0 + MIN });
  });

  it("a failed alert carries the reason the agent gave", () => {
    const hb = heartbeat("a1", "failed", T0);
    hb.additional_data!.push({ meaning: "error", type: "string", data: "spool: disk full" });
    const t = onHeartbeat(null, heartbeatFacts(hb), T0, rules)!;
    expect(t.events[0]).toMatchObject({ kind: "failed", reason: "spool: disk full" });
  });

  it("failed → starting: resumed, not an unexpected restart", () => {
    const { events } = run([["running", T0], ["failed", T0 + MIN], ["starting", T0 + 3 * MIN]]);
    expect(kinds(events)).toEqual(["failed:high", "resumed:info"]);
  });

  it("starting without a prior exiting → unexpected restart (low)", () => {
    const { events, h } = run([["starting", T0], ["running", T0 + 10 * MIN], ["starting", T0 + 12 * MIN]]);
    expect(kinds(events)).toEqual(["restart:low"]);
    expect(h.state).toBe("online");
  });

  it("a heartbeat later than interval + margin/2 while still online → unexpected interval (low)", () => {
    const { events } = run([["running", T0], ["running", T0 + 10 * MIN + 31_000]]);
    expect(kinds(events)).toEqual(["late:low"]);
    expect(events[0].gapMs).toBe(10 * MIN + 31_000);
    expect(run([["running", T0], ["running", T0 + 10 * MIN + 29_000]]).events).toEqual([]);
  });

  it("first heartbeat ever saying failed is alerted", () => {
    expect(kinds(run([["failed", T0]]).events)).toEqual(["failed:high"]);
  });

  it("ignores the same heartbeat twice and one older than the last applied (sender's clock)", () => {
    const first = onHeartbeat(null, heartbeatFacts(heartbeat("a1", "running", T0, { messageid: "m1" })), T0, rules)!;
    expect(onHeartbeat(first.next, heartbeatFacts(heartbeat("a1", "running", T0, { messageid: "m1" })), T0 + 5 * MIN, rules)).toBeNull();
    const exiting = onHeartbeat(first.next, heartbeatFacts(heartbeat("a1", "exiting", T0 + MIN)), T0 + MIN, rules)!;
    // A spooled `running` from before the exit, delivered late, must not bring it back online.
    expect(onHeartbeat(exiting.next, heartbeatFacts(heartbeat("a1", "running", T0 + 30_000)), T0 + 2 * MIN, rules)).toBeNull();
  });

  it("uses receive time, not create_time: a sender whose clock is an hour behind is not missing", () => {
    const skewed = heartbeatFacts(heartbeat("a1", "running", T0 - 60 * MIN));
    const t = onHeartbeat(null, skewed, T0, rules)!;
    expect(onDeadline(t.next, T0 + 5 * MIN, rules)).toBeNull();
    expect(onDeadline(t.next, T0 + 11 * MIN, rules)?.next.state).toBe("missing");
  });
});

describe("bounds (budget.ts) and ordering clamp", () => {
  const H = 60 * MIN;
  const flap = () => {
    const start = onHeartbeat(null, heartbeatFacts(heartbeat("b1", "running", T0)), T0, rules)!;
    let cur = start.next;
    const events: HealthEvent[] = [];
    for (let i = 1; i <= 6; i++) {
      const t = onHeartbeat(cur, heartbeatFacts(heartbeat("b1", i % 2 ? "failed" : "running", T0 + i)), T0 + i, rules)!;
      cur = t.next;
      events.push(...t.events);
    }
    return { next: cur, events };
  };

  it("keeps the first event of each kind in a request and counts the rest", () => {
    const t = flap();
    expect(t.events.map((e) => e.kind)).toEqual(["failed", "resumed", "failed", "resumed", "failed", "resumed"]);
    expect(onePerKind(t.events).map((e) => [e.kind, e.repeats, e.analyzer.state])).toEqual([["failed", 3, "failed"], ["resumed", 3, "online"]]);
  });

  it("stores at most `cap` alerts an hour, counts the rest, and reports them with the next hour's first alert", () => {
    const t = flap();
    const first = withinHourlyBudget(t, T0, 4);
    expect(first.events).toHaveLength(4);
    expect(first.next).toMatchObject({ alertsInHour: 4, alertsSuppressed: 2, alertsSuppressedTotal: 2 });
    const later = withinHourlyBudget({ next: first.next, events: t.events.slice(0, 1) }, T0 + H, 4);
    expect(later.events[0].suppressedBefore).toBe(2);
    expect(later.next).toMatchObject({ alertsInHour: 1, alertsSuppressed: 0, alertsSuppressedTotal: 2 });
    expect(withinHourlyBudget(t, T0, 0).events).toEqual([]);
  });

  it("orders by min(create_time, receive time): a far-future heartbeat counts as created when it arrived", () => {
    const future = onHeartbeat(null, heartbeatFacts(heartbeat("c1", "exiting", T0 + 3650 * 24 * H)), T0, rules)!;
    expect(future.next.state).toBe("offline");
    expect(onHeartbeat(future.next, heartbeatFacts(heartbeat("c1", "running", T0 + MIN)), T0 + MIN, rules)?.next.state).toBe("online");
    // Created before the future one arrived: still older.
    expect(onHeartbeat(future.next, heartbeatFacts(heartbeat("c1", "running", T0 - 1)), T0 + MIN, rules)).toBeNull();
  });

  it("caps the interval used for missing detection", () => {
    const t = onHeartbeat(null, heartbeatFacts(heartbeat("d1", "running", T0, { interval: 2 ** 32 })), T0, rules)!;
    expect(t.next.intervalS).toBe(86_400);
    expect(onDeadline(t.next, T0 + 86_400_000 + MIN, rules)?.next.state).toBe("missing");
  });
});
