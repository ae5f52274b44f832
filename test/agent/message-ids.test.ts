/**
 * Message ids name events: two different events never share one (the server would keep the first
 * and count the second as a duplicate, never storing it), and the same input always gives the
 * same ids (that is what makes re-sending idempotent).
 */
import { createReadStream, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../agent/src/config.ts";
import { readEvents } from "../../agent/src/io/read-events.ts";
import { createMapper } from "../../agent/src/rules/index.ts";
import type { AlertMessage } from "../../schema/idmef.ts";
import { clock, CORPUS, HOST, mapText, ruleOf } from "./idmef-helpers.ts";

function corpusLogs(dir: string): string[] {
  return (readdirSync(join(CORPUS, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".log"))
    .sort()
    .map((f) => join(CORPUS, dir, f));
}

/** Every alert of a log under a config, with the event it came from ("node|stamp#n"). */
async function alertsOf(file: string, configText: string): Promise<{ id: string; event: string; rule: string }[]> {
  const mapper = createMapper({ config: parseConfig(configText, "t.conf"), clock, host: HOST });
  const out: { id: string; event: string; rule: string }[] = [];
  let n = 0;
  await readEvents(createReadStream(file), {
    onEvent: (e) => {
      const event = `${e.node ?? ""}|${e.sec}.${e.ms}:${e.serial}#${n++}`;
      for (const m of mapper.map(e)) out.push({ id: m.alert.messageid, event, rule: ruleOf(m) });
    },
  });
  return out;
}

describe("message ids on every corpus log: distinct events never share one", () => {
  for (const dir of ["public", "live"]) {
    for (const [mode, configText] of [
      ["default rules", ""],
      ["mode = all", "mode = all"],
    ] as const) {
      it(`${dir}, ${mode}`, async () => {
        const collisions: string[] = [];
        let alerts = 0;
        for (const file of corpusLogs(dir)) {
          const seen = new Map<string, string>();
          for (const a of await alertsOf(file, configText)) {
            alerts++;
            const first = seen.get(a.id);
            if (first !== undefined) collisions.push(`${file.slice(CORPUS.length + 1)}: ${a.id} for ${first} and ${a.event} (${a.rule})`);
            else seen.set(a.id, `${a.event} (${a.rule})`);
          }
        }
        expect(alerts).toBeGreaterThan(dir === "live" ? 1000 : 50);
        expect(collisions).toEqual([]);
      });
    }
  }
});

// A LOGIN record and the SYSCALL event of the same stamp: two events (as libauparse splits them).
const LOGIN = `type=LOGIN msg=audit(1795406998.924:45685): pid=1201 uid=0 subj=unconfined old-auid=4294967295 auid=1000 tty=(none) old-ses=4294967295 ses=3 res=1`;
const LOGIN_SYSCALL = [
  `type=SYSCALL msg=audit(1795406998.924:45685): arch=c000003e syscall=1 success=yes exit=4 a0=8 a1=7ffd a2=4 a3=0 items=0 ppid=1 pid=1201 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=3 comm="sshd" exe="/usr/sbin/sshd" subj=unconfined key=(null)`,
  `type=PROCTITLE msg=audit(1795406998.924:45685): proctitle=737368643A2075736572205B707269765D`,
].join("\n");
// `ip xfrm state flush`: one MAC_IPSEC_EVENT per deleted SA, all within one syscall, each a
// whole event (1406-1419 are stand-alone types): several events with one stamp and the same types.
const XFRM_FLUSH = [
  `type=MAC_IPSEC_EVENT msg=audit(1700000100.500:900): op=SAD-delete auid=0 ses=1 subj=unconfined src=10.0.0.1 dst=10.0.0.2 spi=4660(0x1234) res=1`,
  `type=MAC_IPSEC_EVENT msg=audit(1700000100.500:900): op=SAD-delete auid=0 ses=1 subj=unconfined src=10.0.0.2 dst=10.0.0.1 spi=22136(0x5678) res=1`,
  `type=MAC_IPSEC_EVENT msg=audit(1700000100.500:900): op=SAD-delete auid=0 ses=1 subj=unconfined src=10.0.0.1 dst=10.0.0.3 spi=39612(0x9abc) res=1`,
].join("\n");

const ids = (msgs: AlertMessage[]) => msgs.map((m) => m.alert.messageid);

describe("message ids of several events with one stamp", () => {
  it("differ between a LOGIN event and the SYSCALL event of its stamp, and are the same on every replay", () => {
    const a = ids(mapText(LOGIN + "\n" + LOGIN_SYSCALL, "mode = all"));
    expect(a).toHaveLength(2);
    expect(new Set(a).size).toBe(2);
    expect(ids(mapText(LOGIN + "\n" + LOGIN_SYSCALL, "mode = all"))).toEqual(a);
  });

  it("of an event do not depend on the other events of its stamp (a filtered log, a restart in between)", () => {
    const both = ids(mapText(LOGIN + "\n" + LOGIN_SYSCALL, "mode = all"));
    expect(ids(mapText(LOGIN_SYSCALL, "mode = all"))).toEqual([both[1]]);
    expect(ids(mapText(LOGIN, "mode = all"))).toEqual([both[0]]);
  });

  it("differ between events of one stamp with the same record types, numbered in a stable order", () => {
    const a = ids(mapText(XFRM_FLUSH, "mode = all"));
    expect(a).toHaveLength(3);
    expect(new Set(a).size).toBe(3);
    expect(ids(mapText(XFRM_FLUSH, "mode = all"))).toEqual(a);
    // the first of them has the id it has alone
    expect(ids(mapText(XFRM_FLUSH.split("\n")[0], "mode = all"))).toEqual([a[0]]);
  });
});
