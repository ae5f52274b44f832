import { describe, expect, it } from "vitest";
import { buildHeartbeat, type AgentCounters } from "../../agent/src/heartbeat.ts";
import { IdmefMessageSchema } from "../../schema/idmef.ts";

const counters: AgentCounters = { records: 10, events: 4, alerts: 2, malformed: 1, lost: 0, incomplete: 7, spoolDepth: 3, dropped: 0, deadLettered: 5 };

describe("heartbeat", () => {
  it("is a valid IDMEF heartbeat with interval, status and every counter", () => {
    const m = buildHeartbeat({ analyzer: { analyzerid: "42", name: "idmef-agent" }, status: "running", intervalSec: 600, counters, nowMs: Date.parse("2026-11-23T04:00:00.123Z"), messageid: "hb-1" });
    expect(IdmefMessageSchema.safeParse(m).success).toBe(true);
    const hb = m.heartbeat;
    expect(hb.heartbeat_interval).toBe(600);
    expect(hb.create_time).toBe("2026-11-23T04:00:00.123+00:00");
    expect(hb.analyzer[0].analyzerid).toBe("42");
    const data = Object.fromEntries(hb.additional_data!.map((d) => [d.meaning, d.data]));
    expect(data).toEqual({
      "Analyzer status": "running",
      records: 10,
      events: 4,
      alerts: 2,
      "malformed lines": 1,
      "lost events": 0,
      "incomplete events": 7,
      "spool depth": 3,
      "dropped messages": 0,
      "dead-lettered messages": 5,
    });
  });

  it("carries the error on a failed heartbeat", () => {
    const m = buildHeartbeat({ analyzer: { analyzerid: "42" }, status: "failed", intervalSec: 60, counters, nowMs: 0, messageid: "x", error: "disk full" });
    expect(IdmefMessageSchema.safeParse(m).success).toBe(true);
    expect(m.heartbeat.additional_data!.at(-1)).toEqual({ meaning: "error", type: "string", data: "disk full" });
  });

  it("writes a non-ASCII error as \\xNN escapes (libprelude refuses \\u escapes)", () => {
    const m = buildHeartbeat({ analyzer: { analyzerid: "42" }, status: "failed", intervalSec: 60, counters, nowMs: 0, messageid: "x", error: "/var/spool/é: EACCES\n" });
    expect(m.heartbeat.additional_data!.at(-1)?.data).toBe("/var/spool/\\xc3\\xa9: EACCES\\x0a");
  });
});
