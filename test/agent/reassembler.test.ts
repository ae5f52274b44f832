/** The reassembler, driven record by record with an explicit clock. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRecord } from "../../agent/src/record/index.ts";
import { Reassembler, endsEvent, type ReassemblerOptions } from "../../agent/src/reassembler.ts";
import type { AuditEvent, AuditRecord } from "../../agent/src/types.ts";

const CORPUS = resolve(import.meta.dirname, "../../../shared/corpus");

/** A record line: `rec("SYSCALL", "100.000:5")`, optional node. */
function rec(type: string, stamp: string, node?: string, body = "a=1"): AuditRecord {
  const r = parseRecord(`${node ? `node=${node} ` : ""}type=${type} msg=audit(${stamp}): ${body}`);
  if (r === null) throw new Error("bad test record");
  return r;
}

function harness(options: Partial<ReassemblerOptions> = {}) {
  const events: AuditEvent[] = [];
  const lost: Array<[number, string | null]> = [];
  const r = new Reassembler({ onEvent: (e) => events.push(e), onLost: (n, node) => lost.push([n, node]), ...options });
  const types = () => events.map((e) => `${e.serial}:${e.records.map((x) => x.type).join(",")}`);
  return { r, events, lost, types };
}

describe("completion rules (libauparse 3.0.9)", () => {
  it("EOE completes; a stand-alone EOE after completion is dropped", () => {
    const { r, types } = harness();
    r.push(rec("SYSCALL", "100.000:1"), 0);
    r.push(rec("PATH", "100.000:1"), 0);
    expect(types()).toEqual([]);
    r.push(rec("EOE", "100.000:1"), 0);
    expect(types()).toEqual(["1:SYSCALL,PATH,EOE"]);
    r.push(rec("SYSCALL", "100.001:2"), 0);
    r.push(rec("PROCTITLE", "100.001:2"), 0);
    r.push(rec("EOE", "100.001:2"), 0); // event already complete on PROCTITLE
    expect(types()).toEqual(["1:SYSCALL,PATH,EOE", "2:SYSCALL,PROCTITLE"]);
    expect(r.counters.strayEoe).toBe(1);
    expect(r.inFlight).toBe(0);
  });

  it("a record after its event completed starts a second event with the same stamp (LOGIN split)", () => {
    const { r, types } = harness();
    r.push(rec("LOGIN", "100.000:7"), 0);
    r.push(rec("SYSCALL", "100.000:7"), 0);
    r.push(rec("PROCTITLE", "100.000:7"), 0);
    expect(types()).toEqual(["7:LOGIN", "7:SYSCALL,PROCTITLE"]);
  });

  it.each([
    ["USER_LOGIN", true], // < 1300
    ["DAEMON_START", true],
    ["ANOM_LOGIN_FAILURES", true], // >= 2100
    ["KERNEL", true],
    ["MAC_UNLBL_ALLOW", true], // MAC_UNLBL_ALLOW..MAC_CALIPSO_DEL
    ["MAC_CALIPSO_DEL", true],
    ["UNKNOWN[1420]", false],
    ["AVC", false],
    ["SYSCALL", false],
    ["CONFIG_CHANGE", false],
    ["NETFILTER_CFG", false],
    ["ANOM_PROMISCUOUS", false], // 1700: stays with its SYSCALL
  ])("%s ends an event: %s", (type, ends) => {
    const { r, types } = harness();
    r.push(rec(type, "100.000:9"), 0);
    expect(types().length).toBe(ends ? 1 : 0);
    expect(endsEvent(rec(type, "1.000:1").typeId)).toBe(ends);
  });

  it("a type name libaudit does not know ends its event (libaudit maps it to -1)", () => {
    const { r, types } = harness();
    r.push(rec("SOMETHING_NEW", "100.000:3"), 0);
    expect(types()).toEqual(["3:SOMETHING_NEW"]);
  });
});

describe("grouping", () => {
  it("interleaved events are never mixed", () => {
    const { r, types } = harness();
    r.push(rec("SYSCALL", "100.000:1"), 0);
    r.push(rec("SYSCALL", "100.001:2"), 0);
    r.push(rec("CWD", "100.000:1"), 0);
    r.push(rec("PATH", "100.001:2"), 0);
    r.push(rec("PROCTITLE", "100.001:2"), 0);
    r.push(rec("PROCTITLE", "100.000:1"), 0);
    expect(types()).toEqual(["2:SYSCALL,PATH,PROCTITLE", "1:SYSCALL,CWD,PROCTITLE"]);
  });

  it("same serial, different node or time: different events", () => {
    const { r, events } = harness();
    r.push(rec("SYSCALL", "100.000:1", "a"), 0);
    r.push(rec("SYSCALL", "100.000:1", "b"), 0);
    r.push(rec("SYSCALL", "100.000:1"), 0);
    r.push(rec("SYSCALL", "100.500:1"), 0);
    r.flush();
    expect(events.map((e) => `${e.node}@${e.sec}.${e.ms}#${e.records.length}`)).toEqual(["a@100.0#1", "b@100.0#1", "null@100.0#1", "null@100.500#1"]);
  });

  it("flush completes everything open, oldest opened first", () => {
    const { r, types } = harness();
    r.push(rec("SYSCALL", "100.002:3"), 0);
    r.push(rec("SYSCALL", "100.001:2"), 0);
    r.flush();
    expect(types()).toEqual(["3:SYSCALL", "2:SYSCALL"]);
    expect(r.counters.completedByFlush).toBe(2);
  });
});

describe("ordinal: events that share a stamp", () => {
  const ordinals = (events: AuditEvent[]) => events.map((e) => `${e.serial}:${e.records.map((x) => x.type).join(",")}#${e.ordinal}`);

  it("numbers events with the same stamp and record types in completion order; others stay 0", () => {
    const { r, events } = harness();
    r.push(rec("LOGIN", "100.000:7"), 0);
    r.push(rec("SYSCALL", "100.000:7"), 0);
    r.push(rec("PROCTITLE", "100.000:7"), 0);
    for (let i = 0; i < 3; i++) r.push(rec("MAC_IPSEC_EVENT", "100.001:8"), 0);
    r.push(rec("MAC_IPSEC_EVENT", "100.001:8", "other-node"), 0); // another node: its own stamp
    r.push(rec("MAC_IPSEC_EVENT", "100.002:8"), 0); // another time: its own stamp
    expect(ordinals(events)).toEqual([
      "7:LOGIN#0",
      "7:SYSCALL,PROCTITLE#0",
      "8:MAC_IPSEC_EVENT#0",
      "8:MAC_IPSEC_EVENT#1",
      "8:MAC_IPSEC_EVENT#2",
      "8:MAC_IPSEC_EVENT#0",
      "8:MAC_IPSEC_EVENT#0",
    ]);
  });

  it("remembers the last 4096 completed events: numbering is bounded in memory and stays exact within them", () => {
    const { r, events } = harness();
    r.push(rec("KERNEL", "100.000:1"), 0);
    r.push(rec("KERNEL", "100.000:1"), 0);
    for (let i = 0; i < 4094; i++) r.push(rec("KERNEL", `100.000:${10 + i}`), 0);
    r.push(rec("KERNEL", "100.000:1"), 0); // 4094 other events later: still remembered
    for (let i = 0; i < 5000; i++) r.push(rec("KERNEL", `100.000:${10_000 + i}`), 0);
    r.push(rec("KERNEL", "100.000:1"), 0); // long forgotten: numbered from 0 again
    const ofSerial1 = events.filter((e) => e.serial === 1).map((e) => e.ordinal);
    expect(ofSerial1).toEqual([0, 1, 2, 0]);
    expect(events.filter((e) => e.serial !== 1).every((e) => e.ordinal === 0)).toBe(true);
  });

  it("agrees with a plain model over a long random run of few stamps that share serials", () => {
    const { r, events } = harness();
    // Model: the last 4096 distinct (stamp, types) first seen, each with its count.
    const model: { key: string; count: number }[] = [];
    const expected: number[] = [];
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) % n;
    for (let i = 0; i < 20_000; i++) {
      const fresh = rand(4) === 0; // a new stamp pushes older ones out of memory
      const node = rand(2) === 0 ? undefined : "n1";
      const stamp = fresh ? `200.000:${1000 + i}` : `100.00${rand(3)}:${1 + rand(3)}`;
      const type = rand(2) === 0 ? "KERNEL" : "MAC_IPSEC_EVENT";
      r.push(rec(type, stamp, node), 0);
      const key = `${node}|${stamp}|${type}`;
      const hit = model.find((m) => m.key === key);
      if (hit) expected.push(hit.count++);
      else {
        model.push({ key, count: 1 });
        if (model.length > 4096) model.shift();
        expected.push(0);
      }
    }
    expect(events.map((e) => e.ordinal)).toEqual(expected);
    expect(expected.filter((o) => o > 100).length).toBeGreaterThan(0);
  });
});

describe("time: event time as records arrive, the injected clock when idle", () => {
  it("an open event completes when a record 2000 ms newer (event time) arrives", () => {
    const { r, types } = harness();
    r.push(rec("SYSCALL", "100.000:1"), 0);
    r.push(rec("SYSCALL", "101.999:2"), 0);
    expect(types()).toEqual([]);
    r.push(rec("SYSCALL", "102.000:3"), 0);
    expect(types()).toEqual(["1:SYSCALL"]);
    expect(r.counters.completedByTimeout).toBe(1);
  });

  it("eventTimeoutMs is configurable", () => {
    const { r, types } = harness({ eventTimeoutMs: 500 });
    r.push(rec("SYSCALL", "100.000:1"), 0);
    r.push(rec("SYSCALL", "100.500:2"), 0);
    expect(types()).toEqual(["1:SYSCALL"]);
  });

  it("a record late by more than the timeout does not expire newer events", () => {
    const { r, types } = harness();
    r.push(rec("SYSCALL", "200.000:10"), 0);
    r.push(rec("SYSCALL", "100.000:1"), 0); // old, out of order
    expect(types()).toEqual([]);
    r.push(rec("SYSCALL", "200.001:11"), 0); // 100.000 is now 100 s behind
    expect(types()).toEqual(["1:SYSCALL"]);
  });

  it("tick(now) completes events that waited eventTimeoutMs on the caller's clock", () => {
    const { r, types } = harness();
    r.push(rec("SYSCALL", "100.000:1"), 10_000);
    r.push(rec("SYSCALL", "100.001:2"), 11_000);
    r.tick(11_999);
    expect(types()).toEqual([]);
    r.tick(12_000);
    expect(types()).toEqual(["1:SYSCALL"]);
    r.tick(13_000);
    expect(types()).toEqual(["1:SYSCALL", "2:SYSCALL"]);
    expect(r.counters.completedByIdle).toBe(2);
  });
});

describe("max in flight", () => {
  it("completes the oldest opened event when too many are open", () => {
    const { r, types } = harness({ maxInFlight: 2 });
    r.push(rec("SYSCALL", "100.000:1"), 0);
    r.push(rec("SYSCALL", "100.001:2"), 0);
    expect(types()).toEqual([]);
    r.push(rec("SYSCALL", "100.002:3"), 0);
    expect(types()).toEqual(["1:SYSCALL"]);
    r.push(rec("CWD", "100.001:2"), 0);
    r.push(rec("SYSCALL", "100.003:4"), 0);
    expect(types()).toEqual(["1:SYSCALL", "2:SYSCALL,CWD"]);
    expect(r.counters.completedByOverflow).toBe(2);
    expect(r.inFlight).toBe(2);
  });
  it("rejects nonsense limits", () => {
    expect(() => new Reassembler({ onEvent: () => {}, maxInFlight: 0 })).toThrow(RangeError);
  });
});

describe("lost events: sequence gaps per node, rollover-aware, apart from kernel-reported loss", () => {
  const feed = (serials: Array<number | [number, string]>, options: Partial<ReassemblerOptions> = {}) => {
    const h = harness(options);
    for (const s of serials) {
      const [serial, node] = Array.isArray(s) ? s : [s, undefined];
      h.r.push(rec("USER_LOGIN", `100.000:${serial}`, node), 0);
    }
    return h;
  };

  it("a gap counts the missing serials", () => {
    const { r, lost } = feed([1, 2, 5, 6]);
    r.flush();
    expect(r.counters.lost).toBe(2);
    expect(lost).toEqual([[2, null]]);
  });

  it("a serial arriving a little late fills its gap", () => {
    const { r } = feed([1, 3, 2, 6, 4, 5]);
    r.flush();
    expect(r.counters.lost).toBe(0);
  });

  it("rollover at 2^32 is not a loss, a gap across it is", () => {
    const a = feed([4294967294, 4294967295, 0, 1]);
    a.r.flush();
    expect(a.r.counters.lost).toBe(0);
    const b = feed([4294967294, 1]);
    b.r.flush();
    expect(b.r.counters.lost).toBe(2); // 4294967295 and 0
  });

  it("a big jump backwards with a newer time is a restart, not a loss", () => {
    const h = harness();
    for (const [serial, time] of [[5000, "100.000"], [5001, "100.001"], [3, "150.000"], [4, "150.001"]] as const) {
      h.r.push(rec("USER_LOGIN", `${time}:${serial}`), 0);
    }
    h.r.flush();
    expect(h.r.counters.lost).toBe(0);
  });

  it("a very late record (older time, far behind) does not reset the sequence", () => {
    const h = harness({ gapWindow: 10 });
    for (const [serial, time] of [[5000, "100.000"], [5001, "100.001"], [3000, "90.000"], [5002, "100.002"]] as const) {
      h.r.push(rec("USER_LOGIN", `${time}:${serial}`), 0);
    }
    h.r.flush();
    expect(h.r.counters.lost).toBe(0);
  });

  it("nodes have their own sequences", () => {
    const { r } = feed([[1, "a"], [100, "b"], [2, "a"], [101, "b"], [3, "a"]]);
    r.flush();
    expect(r.counters.lost).toBe(0);
  });

  it("a gap is judged final once it falls gapWindow behind (reported before flush)", () => {
    const { r, lost } = feed([1, 3, 4, 5, 6], { gapWindow: 2 });
    expect(lost).toEqual([[1, null]]);
    r.flush();
    expect(r.counters.lost).toBe(1);
  });

  it("auditd's own records (DAEMON_*) have their own numbering and are not counted", () => {
    const h = harness();
    h.r.push(rec("USER_LOGIN", "100.000:10"), 0);
    h.r.push(rec("DAEMON_START", "100.000:5000"), 0);
    h.r.push(rec("USER_LOGIN", "100.000:11"), 0);
    h.r.flush();
    expect(h.r.counters.lost).toBe(0);
  });

  it("kernel-reported loss is counted apart", () => {
    const { r } = feed([1, 2]);
    r.reportKernelLost(7);
    r.flush();
    expect(r.counters).toMatchObject({ lost: 0, kernelLost: 7 });
  });

  it("go-libaudit's lost_messages.log and rollover.log (real logs)", () => {
    const count = (file: string) => {
      const h = harness();
      for (const l of readFileSync(resolve(CORPUS, "public/go-libaudit", file), "utf8").split("\n")) {
        const rr = parseRecord(l);
        if (rr) h.r.push(rr, 0);
      }
      h.r.flush();
      return h.r.counters;
    };
    expect(count("testdata__lost_messages.log").lost).toBe(9); // serials 50..58 missing
    expect(count("testdata__rollover.log").lost).toBe(0);
  });
});
