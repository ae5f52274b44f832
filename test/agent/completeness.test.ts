import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { incompleteReason } from "../../agent/src/completeness.ts";
import { Reassembler } from "../../agent/src/reassembler.ts";
import { parseRecord } from "../../agent/src/record/index.ts";
import type { AuditEvent } from "../../agent/src/types.ts";
import { EXEC_EVENT } from "./exec-event.ts";

const LIVE = resolve(import.meta.dirname, "../../../shared/corpus/live");

const USER_AUTH =
  "type=USER_AUTH msg=audit(1795407111.276:58477): pid=27300 uid=0 auid=0 ses=29 msg='op=PAM:authentication grantors=pam_rootok acct=\"root\" exe=\"/usr/bin/chfn\" hostname=? addr=? terminal=? res=success'";

/** Lines → events the way the plugin completes them. */
function events(lines: string[]): AuditEvent[] {
  const out: AuditEvent[] = [];
  const r = new Reassembler({ onEvent: (e) => out.push(e), eventTimeoutMs: 2000, maxInFlight: 64 });
  for (const l of lines) r.push(parseRecord(l)!, 0);
  r.flush();
  return out;
}
const without = (lines: string[], drop: (l: string) => boolean) => lines.filter((l) => !drop(l));

describe("incomplete events (records auditd dropped inside an event)", () => {
  it("a whole exec and a single-record user event are complete", () => {
    expect(events([...EXEC_EVENT, USER_AUTH]).map(incompleteReason)).toEqual([null, null]);
  });

  it("an exec that lost its SYSCALL record", () => {
    const [e] = events(without(EXEC_EVENT, (l) => l.startsWith("type=SYSCALL")));
    expect(e.records.map((r) => r.type)).toEqual(["BPRM_FCAPS", "EXECVE", "CWD", "PATH", "PATH", "PROCTITLE"]);
    expect(incompleteReason(e)).toBe("no SYSCALL");
  });

  it("an exec that lost one of the PATH records its SYSCALL's items=2 promises", () => {
    const [e] = events(without(EXEC_EVENT, (l) => l.includes("item=1 ")));
    expect(incompleteReason(e)).toBe("1 of 2 PATH");
  });

  it("a lone PROCTITLE or CWD (the rest of its event dropped) is incomplete; a lone AVC is not", () => {
    expect(incompleteReason(events([EXEC_EVENT[6]])[0])).toBe("no SYSCALL");
    expect(incompleteReason(events([EXEC_EVENT[3], EXEC_EVENT[7]])[0])).toBe("no SYSCALL");
    const avc = 'type=AVC msg=audit(1795407050.001:51200): avc:  denied  { read } for  pid=1 comm="x" scontext=a tcontext=b tclass=file permissive=0';
    expect(incompleteReason(events([avc])[0])).toBeNull();
  });

  it("no false alarms on the live corpora (whole auditd streams)", () => {
    for (const f of ["L01-enriched-mixed-workstation.log", "L02-raw-mixed.log", "L04-raw-auth-ssh.log", "L08-raw-usermgmt.log"]) {
      const all = events(readFileSync(`${LIVE}/${f}`, "utf8").split("\n").filter((l) => l.length > 0));
      expect(all.length).toBeGreaterThan(1000);
      expect(all.filter((e) => incompleteReason(e) !== null), f).toEqual([]);
    }
  });
});
