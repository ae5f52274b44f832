/** Pure parts of the console: URL state round trips, ranges, CSV formula guard, redirect guard. */
import { describe, expect, it } from "vitest";
import { csvCell } from "../../worker/src/console/export.ts";
import { rangeBounds, readState, stateFilter, stateQuery } from "../../worker/src/console/state.ts";
import { heartbeatEvents } from "../../worker/src/store/fleet.ts";

const NOW = Date.UTC(2026, 10, 29, 15, 30);

describe("console URL state", () => {
  it("defaults to the last 24 h, open alerts only", () => {
    const s = readState({}, NOW);
    expect([s.range, s.until - s.since]).toEqual(["24h", 86_400_001]);
    expect(stateFilter(s).triage).toEqual(["open"]);
    expect(stateQuery(s)).toBe("range=24h&triage=open");
  });

  it("round-trips filters (hostile values stay encoded) and the show-all toggle", () => {
    const q = { range: "7d", classification: '<img src=x onerror=1>&x=1', target_user: "javascript:x", triage: "" };
    const s = readState(q, NOW);
    const back = Object.fromEntries(new URLSearchParams(stateQuery(s)));
    expect(back).toEqual({ range: "7d", classification: q.classification, target_user: q.target_user, triage: "" });
    expect(stateFilter(s).triage).toBeUndefined();
    expect(stateFilter(s).classification).toBe(q.classification);
  });

  it("today / yesterday are UTC days; a bad custom range falls back to 24 h", () => {
    const midnight = Date.UTC(2026, 10, 29);
    expect(rangeBounds("today", NOW)).toEqual([midnight, midnight + 86_400_000]);
    expect(rangeBounds("yesterday", NOW)).toEqual([midnight - 86_400_000, midnight]);
    expect(rangeBounds("custom", NOW, "2026-11-29T10:00:00Z", "2026-11-29T09:00:00Z")).toEqual([NOW - 86_400_000, NOW + 1]);
  });

  it("refuses a bad filter value with the API's own 400", () => {
    expect(() => stateFilter(readState({ severity: "critical" }, NOW))).toThrow(/severity/);
  });
});

describe("CSV export", () => {
  it("neutralises spreadsheet formulas and quotes separators", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell(null)).toBe("");
    expect(csvCell("plain")).toBe("plain");
  });
});

describe("heartbeat events", () => {
  const row = (t: number, status: string, interval = 60) => ({ messageid: String(t), create_time: t * 1000, received_at: t * 1000, status, heartbeat_interval: interval });
  it("flags an abnormally short interval, not a normal one", () => {
    expect(heartbeatEvents([row(0, "running"), row(60, "running"), row(70, "running")], 60_000)).toEqual([[], [], ["abnormal_interval"]]);
  });
  it("a failed heartbeat, then a start, is not an unexpected restart", () => {
    expect(heartbeatEvents([row(0, "failed"), row(5, "starting")], 60_000)).toEqual([["failed"], ["start"]]);
  });
});
