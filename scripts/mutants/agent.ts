/** Breakages in the agent (entry format: ./list.ts). */
import type { Mutant } from "./list.ts";

const SENDER = "agent/src/sender/sender.ts";
const RETRY = "agent/src/sender/retry.ts";
const SPOOL = "agent/src/spool/spool.ts";
const REASSEMBLER = "agent/src/reassembler.ts";
const REASSEMBLY_TESTS = ["test/agent/reassembler.test.ts", "test/agent/oracle.test.ts"];

export const agentMutants: Mutant[] = [
  // ---- spool and sender durability (agent) ---------------------------------------------------
  {
    id: "sender/5xx-taken-as-stored",
    why: "messages the server failed to store leave the spool",
    file: RETRY,
    find: "if (status === 408 || status === 429 || status >= 500) return \"retry\";",
    replace: 'if (status >= 500) return "done";\n  if (status === 408 || status === 429) return "retry";',
    tests: ["test/agent/sender.test.ts"],
  },
  {
    id: "sender/auth-failure-dead-lettered",
    why: "a key not yet registered (401/403) throws the backlog away",
    file: RETRY,
    find: 'if (status === 401 || status === 403) return "retry";',
    replace: "",
    tests: ["test/agent/sender.test.ts"],
  },
  {
    id: "sender/removed-before-answer",
    why: "a crash or a failed request after sending loses the batch",
    file: SENDER,
    find: "this.#counters.requests++;",
    replace: "this.#counters.requests++;\n        o.spool.remove(batch.map((m) => m.id));",
    tests: ["test/agent/sender.test.ts"],
  },
  {
    id: "sender/partial-answer-trusted",
    why: "a 2xx that does not account for every message removes them all",
    file: SENDER,
    find: "if (!answer || answer.accepted + answer.duplicates + rejected.size !== batch.length) return false;",
    replace: "if (!answer) return false;",
    tests: ["test/agent/sender.test.ts"],
  },
  {
    id: "sender/refused-not-dead-lettered",
    why: "messages refused with 4xx vanish without a trace",
    file: SENDER,
    find: "this.#deadLetter(batch.map((m) => ({ m, status: status!, reason })));",
    replace: "",
    tests: ["test/agent/sender.test.ts"],
  },
  {
    id: "spool/remove-ignores-ids",
    why: "removing one acknowledged batch deletes unsent messages too",
    file: SPOOL,
    find: '"DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?)) RETURNING bytes"',
    replace: '"DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?)) OR id > (SELECT max(value) FROM json_each(?1)) RETURNING bytes"',
    tests: ["test/agent/spool.test.ts", "test/agent/sender.test.ts"],
  },
  {
    id: "spool/failed-commit-drops",
    why: "a failed disk write (full disk) loses the messages held in memory",
    file: SPOOL,
    find: "this.#timer = setTimeout(() => this.commit(), Math.max(this.#opts.commitIntervalMs, 1000));",
    replace: "this.#pending = [];\n      this.#timer = setTimeout(() => this.commit(), Math.max(this.#opts.commitIntervalMs, 1000));",
    tests: ["test/agent/spool-commit-failure.test.ts"],
  },

  // ---- reassembly end-of-event rules (agent/src/reassembler.ts) ------------------------------
  {
    id: "reassembly/eoe-ignored",
    why: "events stay open past their EOE; records after it are merged into them",
    file: REASSEMBLER,
    find: "typeId === AUDIT_EOE ||",
    replace: "",
    tests: REASSEMBLY_TESTS,
  },
  {
    id: "reassembly/proctitle-ignored",
    why: "syscall events wait for a timeout instead of ending on PROCTITLE",
    file: REASSEMBLER,
    find: "typeId === AUDIT_PROCTITLE ||",
    replace: "",
    tests: REASSEMBLY_TESTS,
  },
  {
    id: "reassembly/stray-eoe-kept",
    why: "an EOE after a complete event becomes an event of its own",
    file: REASSEMBLER,
    find: "this.counters.strayEoe++;\n        return;",
    replace: "this.counters.strayEoe++;",
    tests: REASSEMBLY_TESTS,
  },
  {
    id: "reassembly/node-ignored",
    why: "events of two hosts with the same stamp are mixed",
    file: REASSEMBLER,
    find: "return this.sec === r.sec && this.ms === r.ms && this.node === r.node;",
    replace: "return this.sec === r.sec && this.ms === r.ms;",
    tests: REASSEMBLY_TESTS,
  },
  {
    id: "reassembly/flush-incomplete",
    why: "events in flight at EOF or SIGTERM are lost",
    file: REASSEMBLER,
    find: "this.counters.completedByFlush++;\n      this.complete(event);",
    replace: "this.counters.completedByFlush++;",
    tests: REASSEMBLY_TESTS,
  },
  // ---- issue 13: message ids, drain after an outage, spool open ------------------------------
  {
    id: "agent/messageid-ignores-record-types",
    why: "a LOGIN event and its SYSCALL event (one stamp) share an id: the second is never stored",
    file: "agent/src/idmef/build.ts",
    find: "`${analyzerid}\\0${node}\\0${e.sec}.${e.ms}:${e.serial}\\0${types}${ordinal}\\0${rule}`",
    replace: "`${analyzerid}\\0${node}\\0${e.sec}.${e.ms}:${e.serial}\\0${rule}`",
    tests: ["test/agent/message-ids.test.ts"],
  },
  {
    id: "agent/messageid-ignores-ordinal",
    why: "two events of one stamp with the same record types share an id",
    file: "agent/src/idmef/build.ts",
    find: "const ordinal = e.ordinal ? `#${e.ordinal}` : \"\";",
    replace: "const ordinal = \"\";",
    tests: ["test/agent/message-ids.test.ts"],
  },
  {
    id: "agent/backoff-not-cut-short",
    why: "after an outage the last batches wait out a full backoff",
    file: "agent/src/sender/sender.ts",
    find: "for (const wake of [...this.#backingOff]) wake();",
    replace: "",
    tests: ["test/agent/sender.test.ts"],
  },
  {
    id: "agent/spool-open-without-busy-timeout",
    why: "a restart fails with 'database is locked' while anything reads the spool",
    file: "agent/src/spool/sqlite.ts",
    find: "return new sqlite.DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });",
    replace: "return new sqlite.DatabaseSync(path);",
    tests: ["test/agent/spool.test.ts"],
  },
];
