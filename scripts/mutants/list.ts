/**
 * The breakages `npm run test:mutants` (./run.ts) applies, one at a time, to security- and
 * durability-critical code. Each must make at least one of its `tests` fail ("killed").
 *
 * To add one: append an entry. `find` is copied exactly from the source and must occur exactly
 * once in `file` (widen it with a neighbouring token if it does not); `replace` is the broken
 * version; `tests` are the test files that should catch it (keep them few: they run once per
 * mutant). If the code changes so that `find` no longer matches, the run fails with STALE:
 * update the entry to the new code, do not delete it. Run one entry with
 * `npm run test:mutants -- <id>` (a prefix such as `signature/` selects a group).
 */

export interface Mutant {
  /** Unique and stable: `<area>/<what-breaks>`. */
  id: string;
  /** What an attacker or a failure gets if this broke unnoticed. */
  why: string;
  /** Repository-relative source file. */
  file: string;
  /** Exact text, exactly once in `file`. */
  find: string;
  replace: string;
  /** Test files that must fail with the mutant in place. */
  tests: string[];
}

const SIGNATURE_TESTS = ["test/worker/signature.test.ts", "test/worker/signature-policy.test.ts", "test/worker/auth.test.ts"];
const SIG = "schema/signature.ts";
const SF = "schema/structured-fields.ts";
const AUTH = "worker/src/auth/signature.ts";
const MESSAGES_ROUTE = "worker/src/routes/messages.ts";
const HEALTH = "worker/src/health/state.ts";
const HEALTH_TESTS = ["test/worker/health-state.test.ts", "test/worker/health-cron.test.ts"];
const SENDER = "agent/src/sender/sender.ts";
const RETRY = "agent/src/sender/retry.ts";
const SPOOL = "agent/src/spool/spool.ts";
const REASSEMBLER = "agent/src/reassembler.ts";
const REASSEMBLY_TESTS = ["test/agent/reassembler.test.ts", "test/agent/oracle.test.ts"];

export const mutants: Mutant[] = [
  // ---- signature verification (schema/signature.ts) ----------------------------------------
  {
    id: "signature/digest-not-compared",
    why: "a body changed in transit is accepted",
    file: SIG,
    find: 'if (!bytesEqual(claimed, actual)) return fail("digest-mismatch"',
    replace: 'if (false) return fail("digest-mismatch"',
    tests: SIGNATURE_TESTS,
  },
  {
    id: "signature/content-digest-not-required",
    why: "a signature that does not cover the digest leaves the body unbound",
    file: SIG,
    find: 'const required = ["@method", "@target-uri", "content-digest"];',
    replace: 'const required = ["@method", "@target-uri"];',
    tests: SIGNATURE_TESTS,
  },
  {
    id: "signature/content-type-not-required",
    why: "the body's declared type can be swapped",
    file: SIG,
    find: 'if (body.byteLength > 0 || o.headers.get("content-type") !== null) required.push("content-type");',
    replace: "",
    tests: SIGNATURE_TESTS,
  },
  {
    id: "signature/created-old-edge",
    why: "the window's past edge moves: created at exactly now-300 s is refused",
    file: SIG,
    find: "if (created < o.now - skew)",
    replace: "if (created <= o.now - skew)",
    tests: SIGNATURE_TESTS,
  },
  {
    id: "signature/created-future-edge",
    why: "the window's future edge moves: created at exactly now+300 s is refused",
    file: SIG,
    find: "if (created > o.now + skew)",
    replace: "if (created >= o.now + skew)",
    tests: SIGNATURE_TESTS,
  },
  {
    id: "signature/created-old-unchecked",
    why: "an old captured request can be replayed once its nonce expired",
    file: SIG,
    find: "if (created < o.now - skew)",
    replace: "if (created < o.now - skew * 1000)",
    tests: SIGNATURE_TESTS,
  },
  {
    id: "signature/bad-signature-accepted",
    why: "anyone can sign as any client",
    file: SIG,
    find: 'if (!good) return fail("bad-signature"',
    replace: 'if (false) return fail("bad-signature"',
    tests: SIGNATURE_TESTS,
  },
  {
    id: "signature/alg-unchecked",
    why: "an algorithm other than Ed25519 is claimed and accepted",
    file: SIG,
    find: "if (alg !== SIGNATURE_ALG)",
    replace: "if (false)",
    tests: SIGNATURE_TESTS,
  },
  {
    id: "signature/nonce-optional",
    why: "a request without nonce cannot be checked for replay",
    file: SIG,
    find: 'if (typeof nonce !== "string" || nonce === "") return fail(',
    replace: 'if (false) return fail(',
    tests: SIGNATURE_TESTS,
  },
  {
    id: "signature/length-unchecked",
    why: "a truncated signature reaches the crypto layer",
    file: SIG,
    find: "if (signature.byteLength !== 64)",
    replace: "if (false)",
    tests: SIGNATURE_TESTS,
  },

  // ---- structured fields (schema/structured-fields.ts) ---------------------------------------
  {
    id: "structured-fields/base64-unchecked",
    why: "non-canonical byte sequences (whitespace, no padding) are accepted",
    file: SF,
    find: 'if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw new StructuredFieldError("bad base64 in byte sequence");',
    replace: "",
    tests: ["test/worker/signature.test.ts", "test/worker/signature-policy.test.ts"],
  },
  {
    id: "structured-fields/base64-padding-unchecked",
    why: "byte sequences without padding are accepted",
    file: SF,
    find: " || b64.length % 4 !== 0",
    replace: "",
    tests: ["test/worker/signature.test.ts", "test/worker/signature-policy.test.ts"],
  },
  {
    id: "structured-fields/repeated-param-first-wins",
    why: "a Signature-Input repeating `created` is judged on a value the signature did not cover",
    file: SF,
    find: "if (i >= 0) out[i] = [k, v];\n      else out.push([k, v]);",
    replace: "if (i < 0) out.push([k, v]);",
    tests: ["test/worker/signature-policy.test.ts"],
  },
  {
    id: "structured-fields/non-printable-string",
    why: "control characters and non-ASCII pass into keyids and nonces",
    file: SF,
    find: 'if (code < 0x20 || code > 0x7e) throw new StructuredFieldError("non-printable character in string");',
    replace: "",
    tests: ["test/worker/signature.test.ts", "test/worker/signature-policy.test.ts"],
  },
  {
    id: "structured-fields/bad-escape",
    why: "strings with escapes outside the grammar parse",
    file: SF,
    find: `if (n !== '"' && n !== "\\\\") throw new StructuredFieldError("bad escape in string");`,
    replace: "",
    tests: ["test/worker/signature.test.ts"],
  },

  // ---- nonce claim, revocation (worker/src/auth, store, messages route) ----------------------
  {
    id: "nonce/middleware-claim-ignored",
    why: "a replayed GET or admin request is served again",
    file: AUTH,
    find: "if (!(await recordNonce(c.env.DB, claim))) throw replayed(claim);",
    replace: "await recordNonce(c.env.DB, claim);",
    tests: ["test/worker/auth.test.ts"],
  },
  {
    id: "nonce/record-always-new",
    why: "recordNonce reports every nonce as new",
    file: "worker/src/store/clients.ts",
    find: "return res.meta.changes === 1;\n}",
    replace: "return true;\n}",
    tests: ["test/worker/auth.test.ts"],
  },
  {
    id: "nonce/batch-claim-dropped",
    why: "a replayed POST /v1/messages is processed again",
    file: MESSAGES_ROUTE,
    find: "const leading = claim ? [nonceClaimStatement(c.env.DB, claim)] : [];",
    replace: "const leading = claim ? [] : [];",
    tests: ["test/worker/auth.test.ts"],
  },
  {
    id: "nonce/empty-batch-claim-ignored",
    why: "a request that stores nothing can be replayed",
    file: MESSAGES_ROUTE,
    find: "if (claim && !(await recordNonce(c.env.DB, claim))) throw replayed(claim);",
    replace: "if (claim) await recordNonce(c.env.DB, claim);",
    tests: ["test/worker/auth.test.ts"],
  },
  {
    id: "auth/revocation-ignored",
    why: "a revoked client keeps access",
    file: AUTH,
    find: "if (!client || client.revoked_at !== null) return null;",
    replace: "if (!client) return null;",
    tests: ["test/worker/auth.test.ts"],
  },

  // ---- permissions, analyzer ownership --------------------------------------------------------
  {
    id: "permissions/unchecked",
    why: "any client reaches any route",
    file: "worker/src/auth/permissions.ts",
    find: "if (!anyOf.some((p) => held.includes(p))) {",
    replace: "if (false) {",
    tests: ["test/worker/routes.test.ts"],
  },
  {
    id: "permissions/all-instead-of-any",
    why: "a route open to either of two permissions demands both",
    file: "worker/src/auth/permissions.ts",
    find: "if (!anyOf.some((p) => held.includes(p))) {",
    replace: "if (!anyOf.every((p) => held.includes(p))) {",
    tests: ["test/worker/routes.test.ts"],
  },
  {
    id: "permissions/messages-needs-read",
    why: "a read-only client can write alerts",
    file: MESSAGES_ROUTE,
    find: 'requirePermission("idmef:w")',
    replace: 'requirePermission("idmef:w", "idmef:r")',
    tests: ["test/worker/routes.test.ts"],
  },
  {
    id: "ownership/other-analyzer-accepted",
    why: "a client sends alerts and heartbeats as another host's analyzer",
    file: "worker/src/validate/messages.ts",
    find: "if (own === null || claimed !== own) {",
    replace: "if (own === null) {",
    tests: ["test/worker/messages.test.ts"],
  },
  {
    id: "ownership/no-analyzer-accepted",
    why: "a client without an analyzer (an operator key) sends as any analyzer",
    file: "worker/src/validate/messages.ts",
    find: "if (own === null || claimed !== own) {",
    replace: "if (own !== null && claimed !== own) {",
    tests: ["test/worker/messages.test.ts"],
  },

  // ---- idempotent storage ---------------------------------------------------------------------
  {
    id: "storage/alert-resend-overwrites",
    why: "a re-sent alert replaces the stored one and counts as new",
    file: "worker/src/store/alert-rows.ts",
    find: "INSERT OR IGNORE INTO alerts",
    replace: "INSERT OR REPLACE INTO alerts",
    tests: ["test/worker/messages.test.ts", "test/worker/store-idempotency.test.ts"],
  },
  {
    id: "storage/heartbeat-resend-overwrites",
    why: "a heartbeat sent twice at once is stored twice over (the read before the insert misses the race)",
    file: "worker/src/store/heartbeats.ts",
    find: "INSERT OR IGNORE INTO heartbeats",
    replace: "INSERT OR REPLACE INTO heartbeats",
    tests: ["test/worker/messages.test.ts", "test/worker/store-idempotency.test.ts"],
  },
  {
    id: "storage/duplicates-not-counted",
    why: "the agent cannot tell stored from duplicate",
    file: "worker/src/store/messages.ts",
    find: "return { accepted, duplicates: r.messages.length - accepted };",
    replace: "return { accepted, duplicates: 0 };",
    tests: ["test/worker/messages.test.ts"],
  },

  // ---- analyzer health transitions (worker/src/health/state.ts) ------------------------------
  {
    id: "health/missing-raised-again",
    why: "a silent analyzer raises `missing` on every cron run",
    file: HEALTH,
    find: 'return h.state === "online" ? h.lastSeen + h.intervalS * 1000 : null;',
    replace: 'return h.state !== "offline" ? h.lastSeen + h.intervalS * 1000 : null;',
    tests: HEALTH_TESTS,
  },
  {
    id: "health/deadline-edge",
    why: "missing is declared one tick late",
    file: HEALTH,
    find: "if (deadline === null || now < deadline) return null;",
    replace: "if (deadline === null || now <= deadline) return null;",
    tests: HEALTH_TESTS,
  },
  {
    id: "health/exiting-not-offline",
    why: "a clean stop is reported as missing",
    file: HEALTH,
    find: 'if (status === "exiting") return "offline";',
    replace: "",
    tests: HEALTH_TESTS,
  },
  {
    id: "health/stale-heartbeat-applied",
    why: "a late re-send overwrites a newer status (running after exiting)",
    file: HEALTH,
    find: "(hb.messageid === prev.lastMessageid || hb.createMs <= prev.lastCreateMs)",
    replace: "(hb.messageid === prev.lastMessageid)",
    tests: HEALTH_TESTS,
  },
  {
    id: "health/failed-not-raised",
    why: "an analyzer reporting failure raises no alert",
    file: HEALTH,
    find: 'if (state === "failed" && prev.state !== "failed") raise("failed"',
    replace: 'if (false) raise("failed"',
    tests: HEALTH_TESTS,
  },
  {
    id: "health/resumed-not-raised",
    why: "the incident opened by `missing` is never closed",
    file: HEALTH,
    find: 'if (prev.state === "missing" || (prev.state === "failed" && state !== "failed")) raise("resumed");',
    replace: "",
    tests: HEALTH_TESTS,
  },

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
    find: "DELETE FROM messages WHERE id IN (${chunk.map(() => \"?\").join(\",\")}) RETURNING bytes",
    replace: "DELETE FROM messages WHERE id IN (${chunk.map(() => \"?\").join(\",\")}) OR id > ${chunk[chunk.length - 1]} RETURNING bytes",
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
];
