/** The record parser on REAL lines from the corpus (../shared/corpus), one test per format. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  MAX_AUDIT_MESSAGE_LENGTH,
  RECORD_TYPES,
  bytesOf,
  decodeHex,
  decodeSockaddr,
  execveArgs,
  parseRecord,
  typeIdOf,
  typeNameOf,
} from "../../agent/src/record/index.ts";

const CORPUS = resolve(import.meta.dirname, "../../../shared/corpus");
const cache = new Map<string, string[]>();
function lines(file: string): string[] {
  let l = cache.get(file);
  if (!l) cache.set(file, (l = readFileSync(resolve(CORPUS, file), "utf8").split("\n").filter(Boolean)));
  return l;
}
function line(file: string, pred: (l: string) => boolean): string {
  const found = lines(file).find(pred);
  if (found === undefined) throw new Error(`no such line in ${file}`);
  return found;
}
function parsed(file: string, pred: (l: string) => boolean) {
  const r = parseRecord(line(file, pred));
  if (r === null) throw new Error("did not parse");
  return r;
}

const RAW = "live/L02-raw-mixed.log";
const ENRICHED = "live/L01-enriched-mixed-workstation.log";

describe("record parser: formats", () => {
  it("RAW kernel record: stamp, type, typed number, fields, quoted values, (null)", () => {
    const r = parsed("live/L06-raw-node-rotated.1.log", (l) => l.startsWith("node=vm type=SYSCALL msg=audit(1795407211.184:63956)"));
    expect([r.node, r.type, r.typeId, r.sec, r.ms, r.serial]).toEqual(["vm", "SYSCALL", 1300, 1795407211, 184, 63956]);
    expect(r.get("syscall")).toBe("44");
    expect(r.get("comm")).toBe("auditd"); // quotes removed
    expect(r.get("tty")).toBe("(none)");
    expect(r.get("key")).toBe("(null)"); // kept as written
    expect(r.get("nonexistent")).toBeUndefined();
    expect(r.interpreted("uid")).toBeUndefined(); // RAW: no interpretation
    expect(Object.keys(r.fields()).slice(0, 3)).toEqual(["arch", "syscall", "success"]);
  });

  it("ENRICHED: raw values kept, interpreted section after \\x1d readable by either name case", () => {
    const r = parsed(ENRICHED, (l) => l.startsWith("type=SYSCALL") && l.includes("\x1d"));
    expect(r.get("arch")).toBe("c000003e");
    expect(r.interpreted("ARCH")).toBe("x86_64");
    expect(r.interpreted("arch")).toBe("x86_64");
    expect(r.get("uid")).toMatch(/^[0-9]+$/);
    expect(r.interpreted("UID")).toBe(r.get("uid") === "0" ? "root" : r.interpreted("UID"));
    // the interpreted section never leaks into the raw fields
    expect(Object.keys(r.fields())).not.toContain("ARCH");
  });

  it("ENRICHED SOCKADDR: the braced SADDR interpretation is one value", () => {
    const r = parsed(ENRICHED, (l) => l.startsWith("type=SOCKADDR") && l.includes("saddr=0200"));
    expect(r.interpreted("SADDR")).toMatch(/^\{ saddr_fam=inet laddr=[0-9.]+ lport=[0-9]+ \}$/);
  });

  it("node= prefix with ENRICHED user-space record", () => {
    const r = parsed("live/L03-enriched-node-build.log", (l) => l.includes("type=DAEMON_START"));
    expect(r.node).toBe("corpus-build-01");
    expect(r.typeId).toBe(1200);
    expect(r.get("format")).toBe("enriched");
    expect(r.interpreted("AUID")).toBeDefined();
  });

  it("user-space msg='...' payload is flattened; ? kept", () => {
    const r = parsed("live/L04-raw-auth-ssh.log", (l) => l.startsWith("type=USER_AUTH msg=audit(1795407111.644:58905)"));
    expect(r.get("pid")).toBe("27337");
    expect(r.get("op")).toBe("PAM:authentication");
    expect(r.get("acct")).toBe("corpusbob");
    expect(r.get("exe")).toBe("/usr/bin/su");
    expect(r.get("hostname")).toBe("?");
    expect(r.get("grantors")).toBe("?");
    expect(r.get("res")).toBe("failed");
    expect(r.get("msg")).toBeUndefined();
  });

  it("hex-encoded values are decoded where auditd encodes: proctitle (NUL separators kept), cwd, EXECVE args", () => {
    expect(parsed(RAW, (l) => l.includes("msg=audit(1795407047.072:51148): proctitle=")).get("proctitle")).toBe("sleep\u00001.5");
    expect(parsed(RAW, (l) => l.startsWith("type=CWD msg=audit(1795407049.836:51299)")).get("cwd")).toBe("/tmp/corpuswork/dir with space/ünïcode");
    const ex = parsed(RAW, (l) => l.startsWith("type=EXECVE msg=audit(1795407049.832:51296)"));
    expect(ex.get("a2")).toBe("{print $1}");
    expect(ex.get("a1")).toBe("-F:");
    expect(execveArgs([ex])).toEqual(["awk", "-F:", "{print $1}", "/etc/passwd"]);
    // a hex-looking value of a field auditd does not encode stays as written
    expect(parsed(RAW, (l) => l.startsWith("type=SYSCALL")).get("a1")).toMatch(/^[0-9a-f]+$/);
  });

  it("split EXECVE argument (a1_len, a1[0], a1[1] ... over several records) is joined back", () => {
    const stamp = "msg=audit(1795407049.952:51421)";
    const records = lines(RAW)
      .filter((l) => l.includes(stamp))
      .map((l) => parseRecord(l)!);
    expect(records.filter((r) => r.type === "EXECVE").length).toBeGreaterThan(1);
    const args = execveArgs(records);
    expect(args[0]).toBe("/bin/echo");
    expect(args[1]).toBe("a".repeat(9000));
    expect(args).toHaveLength(2);
  });

  it("UNKNOWN[nnnn] types keep their name and number", () => {
    const r = parsed("public/laurel/src__testdata__record-service-start.log", (l) => l.startsWith("type=UNKNOWN[1420]"));
    expect(r.type).toBe("UNKNOWN[1420]");
    expect(r.typeId).toBe(1420);
    expect(r.get("subj_apparmor")).toBe("unconfined");
  });

  it("SELinux AVC text: seresult and seperms like libauparse", () => {
    const r = parsed("public/audit-userspace/auparse__test__test.log", (l) => l.includes("type=AVC") && l.includes("{ read write }"));
    expect(r.get("seresult")).toBe("denied");
    expect(r.get("seperms")).toBe("read,write");
    expect(r.get("comm")).toBe("pickup");
    expect(r.get("tclass")).toBe("dir");
  });

  it("long real line (7.5 kB EXECVE piece) parses; kernel part over 8970 bytes is malformed", () => {
    const long = line(RAW, (l) => l.length > 7000);
    expect(parseRecord(long)).not.toBeNull();
    const tooLong = long + "a".repeat(MAX_AUDIT_MESSAGE_LENGTH - long.length + 100);
    expect(parseRecord(tooLong)).toBeNull();
  });
});

describe("record parser: malformed lines are null, never a throw", () => {
  it.each([
    ["no stamp (go-libaudit audit-rhel7.log)", line("public/go-libaudit/auparse__testdata__audit-rhel7.log", (l) => l.includes("msg=?"))],
    ["truncated in the stamp", "type=SYSCALL msg=audit(1795407047.072:511"],
    ["truncated before the stamp", "type=SYSCALL msg=aud"],
    ["no type", "msg=audit(1795407047.072:51148): proctitle=736C65657000312E35"],
    ["binary", "type=SYSCALL msg=audit(1795407047.072:51148): a\u0000b\u0001c=\u0002"],
    ["lower-case type", "type=syscall msg=audit(1795407047.072:51148): a=b"],
    ["bad milliseconds", "type=SYSCALL msg=audit(1795407047.0721:51148): a=b"],
    ["empty", ""],
  ])("%s", (_name, text) => {
    expect(parseRecord(text)).toBeNull();
  });

  it("a truncated field body still parses what is there", () => {
    const r = parseRecord('type=USER_AUTH msg=audit(1795407111.644:58905): pid=1 msg=\'op=PAM:auth acct="corpus');
    expect(r?.get("pid")).toBe("1");
    expect(r?.get("acct")).toBe("corpus");
  });
});

describe("hex: non-UTF-8 bytes are kept losslessly (surrogate escapes)", () => {
  it("valid UTF-8 decodes normally", () => {
    expect(decodeHex("C3BC6E")).toBe("ün");
  });
  it("invalid bytes become U+DC80..U+DCFF and round-trip to the same bytes", () => {
    const hex = "41FF42C3";
    const s = decodeHex(hex);
    expect(s).toBe("A\udcffB\udcc3");
    expect(bytesOf(s).toString("hex").toUpperCase()).toBe(hex);
    expect(JSON.parse(JSON.stringify(s))).toBe(s); // survives the events JSON
  });
  it("a field with invalid UTF-8 keeps its bytes", () => {
    const r = parseRecord("type=PATH msg=audit(1795407047.072:51148): item=0 name=2F746D702FFE");
    expect(bytesOf(r!.get("name")!).toString("hex")).toBe("2f746d702ffe");
  });
});

describe("SOCKADDR saddr", () => {
  it("inet (real corpus line)", () => {
    const r = parsed(ENRICHED, (l) => l.startsWith("type=SOCKADDR") && l.includes("saddr=02001F90"));
    expect(decodeSockaddr(r.get("saddr")!)).toEqual({ familyId: 2, family: "inet", port: 8080, address: "127.0.0.1" });
  });
  it("inet6, unix path, netlink", () => {
    const v6 = parsed(ENRICHED, (l) => l.startsWith("type=SOCKADDR") && l.includes("saddr=0A00"));
    expect(decodeSockaddr(v6.get("saddr")!)).toMatchObject({ family: "inet6", address: "::1" });
    const unix = parsed(ENRICHED, (l) => l.includes("saddr=01002F7661722F72756E2F6E736364"));
    expect(decodeSockaddr(unix.get("saddr")!)).toEqual({ familyId: 1, family: "unix", path: "/var/run/nscd/socket" });
    const nl = parsed(RAW, (l) => l.includes("saddr=100000000000000000000000"));
    expect(decodeSockaddr(nl.get("saddr")!)).toEqual({ familyId: 16, family: "netlink", netlinkPid: 0, netlinkGroups: 0 });
  });
  it("big-endian host (laurel record-bind-ipv4-bigendian)", () => {
    const r = parsed("public/laurel/src__testdata__record-bind-ipv4-bigendian.log", (l) => l.includes("saddr="));
    expect(decodeSockaddr(r.get("saddr")!)).toEqual({ familyId: 2, family: "inet", port: 55555, address: "0.0.0.0" });
  });
  it("abstract unix socket and junk", () => {
    expect(decodeSockaddr("0100" + "00" + Buffer.from("x11").toString("hex"))).toMatchObject({ path: "@x11" });
    expect(decodeSockaddr("zz")).toBeNull();
    expect(decodeSockaddr("0200")).toBeNull();
  });
});

describe("record type table", () => {
  it("covers libaudit 3.0.9's names both ways", () => {
    expect(RECORD_TYPES.length).toBeGreaterThanOrEqual(195);
    expect(typeIdOf("SYSCALL")).toBe(1300);
    expect(typeIdOf("PROCTITLE")).toBe(1327);
    expect(typeIdOf("USER_LOGIN")).toBe(1112);
    expect(typeIdOf("MAC_CALIPSO_DEL")).toBe(1419);
    expect(typeIdOf("UNKNOWN[1334]")).toBe(1334);
    expect(typeIdOf("NOT_A_TYPE")).toBeNull();
    expect(typeNameOf(1320)).toBe("EOE");
    expect(typeNameOf(1999)).toBe("UNKNOWN[1999]");
    for (const [id, name] of RECORD_TYPES) expect(typeIdOf(name)).toBe(id);
  });
});
