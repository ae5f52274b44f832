/**
 * The Worker's precompiled validator (schema/idmef-validate.gen.js, used by
 * worker/src/validate/idmef.ts) against zod's `validateMessage`, the authority: they must agree
 * on every message the agent makes from the corpus and on fast-check mutations of them. Runs in
 * Node (the agent has to run); both validators are plain JS, the same in workerd.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import type { z } from "zod";
import { AlertSchema, IdmefMessageSchema, validateMessage } from "../../schema/idmef.ts";
import { validate as matchesJsonSchema } from "../../schema/idmef-validate.gen.js";
import { renderIdmefValidator, VALIDATOR_DTS_PATH, VALIDATOR_JS_PATH } from "../../scripts/gen-schema.ts";
import { checkIdmefMessage, fastAccepts, REFINED_ALERT_KEYS } from "../../worker/src/validate/idmef.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const PUBLIC = resolve(ROOT, "../shared/corpus/public");
const LIVE = resolve(ROOT, "../shared/corpus/live");
const run = promisify(execFile);

function logsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".log"))
    .sort()
    .map((f) => join(dir, f));
}

/** `idmef-agent replay` output, as messages. */
async function replay(file: string): Promise<unknown[]> {
  const { stdout } = await run(process.execPath, [join(ROOT, "agent/bin/idmef-agent.mjs"), "replay", file], { maxBuffer: 1 << 28 });
  return stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}

let corpus: unknown[] = [];
let seeds: unknown[] = [];

beforeAll(async () => {
  const files = [...logsUnder(PUBLIC), ...logsUnder(LIVE)];
  corpus = (await Promise.all(files.map(replay))).flat();
  // Seeds for mutation: one alert per classification, plus a heartbeat with every AdditionalData type.
  const byClass = new Map<string, unknown>();
  for (const m of corpus as Array<{ alert?: { classification: { text: string } } }>) {
    if (m.alert && !byClass.has(m.alert.classification.text)) byClass.set(m.alert.classification.text, m);
  }
  seeds = [...byClass.values(), heartbeat()];
}, 120_000);

function heartbeat() {
  return {
    version: "1.0",
    heartbeat: {
      messageid: "hb-1",
      analyzer: [{ analyzerid: "a1", name: "idmef-agent", node: { name: "h", address: [{ address: "10.0.0.1", category: "ipv4-addr" }] } }],
      create_time: "2024-02-29T23:59:59.5-01:30",
      analyzer_time: "2024-01-01T00:00:00Z",
      heartbeat_interval: 600,
      additional_data: [
        { meaning: "Analyzer status", type: "string", data: "running" },
        { type: "character", data: "x" },
        { type: "integer", data: -5 },
        { type: "byte", data: 255 },
        { type: "ntpstamp", data: 2 ** 40 },
        { type: "real", data: -0.5 },
        { type: "boolean", data: 1 },
        { type: "date-time", data: "2024-01-01T00:00:00.000001+14:00" },
        { type: "portlist", data: "22,80" },
        { type: "xml", data: "<a/>" },
        { type: "byte-string", data: "YQ==" },
      ],
    },
  };
}

/** What zod says, and what the fast path says, about one value. */
function verdicts(m: unknown) {
  const zod = validateMessage(m);
  const deferred = isObject(m) && isObject(m.alert) && REFINED_ALERT_KEYS.some((k) => (m.alert as Record<string, unknown>)[k] !== undefined);
  return { zod, fast: fastAccepts(m), deferred, schemaOnly: matchesJsonSchema(m), zodSchemaOnly: IdmefMessageSchema.safeParse(m).success };
}

function expectAgreement(m: unknown) {
  const v = verdicts(m);
  const label = JSON.stringify(m).slice(0, 2000);
  // Never accept what zod refuses; accept (i.e. actually be the fast path) whatever zod accepts
  // unless the message carries keys only zod's refinement can judge.
  expect(v.fast, label).toBe(v.zod.ok && !v.deferred);
  // The generated code alone is the JSON Schema, i.e. zod minus refinement and token limit.
  if (!v.deferred) expect(v.schemaOnly, label).toBe(v.zodSchemaOnly);
  // The Worker's answer, error text included, is zod's.
  expect(checkIdmefMessage(m)).toEqual(v.zod);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every [path, value] inside a message. */
function nodes(v: unknown, path: (string | number)[] = []): [(string | number)[], unknown][] {
  const out: [(string | number)[], unknown][] = [[path, v]];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...nodes(x, [...path, i])));
  else if (isObject(v)) for (const [k, x] of Object.entries(v)) out.push(...nodes(x, [...path, k]));
  return out;
}

function setAt(root: unknown, path: (string | number)[], f: (parent: any, key: string | number) => void): unknown {
  if (path.length === 0) return root;
  let parent: any = root;
  for (const k of path.slice(0, -1)) parent = parent[k];
  f(parent, path[path.length - 1]);
  return root;
}

/** Replacement values that probe types, ranges, enums, times and string lengths. */
const VALUES: unknown[] = [
  null, true, false, 0, 1, -1, 1.5, 255, 256, 65535, 65536, 2 ** 31, -(2 ** 31) - 1, 2 ** 32 - 1, 2 ** 32,
  Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Infinity, -0, 1e-7, "", "x", "😀", "xy", "12", "1.0",
  "critical", "info", "high", "unknown", "current", "ipv4-addr", "target-user", "MD5", "md5", "integer",
  "2024-01-01T00:00:00Z", "2024-01-01T00:00:00", "2024-01-01t00:00:00Z", "2024-02-30T00:00:00+00:00",
  "2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00+24:00", "2024-01-01T00:00:00.+00:00",
  "2024-01-01T00:00:00.123456789-05:00", " 2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z\n",
  [], [{}], ["x"], {}, { name: "n" }, { analyzerid: "a" }, { address: "1.2.3.4" },
  { user_id: [] }, { user_id: [{ type: "current-user", number: 0 }] },
  { type: "boolean", data: true }, { type: "character", data: "😀" }, { type: "character", data: "ab" },
  { type: "integer", data: 1.5 }, { type: "real", data: 1 }, { type: "byte", data: 256 }, { type: "nope", data: "x" },
  { name: "t", alertident: [{ alertident: "1" }] }, { program: "p" },
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant("delete" as const) }),
  fc.record({ kind: fc.constant("add-key" as const), key: fc.constantFrom("extra", "_self", "__proto__", "constructor", "name", "pid", "tool_alert", "overflow_alert", "correlation_alert", "alert", "heartbeat"), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant("string" as const), value: fc.string({ unit: "grapheme", maxLength: 3 }) }),
  fc.record({ kind: fc.constant("number" as const), value: fc.oneof(fc.integer(), fc.double({ noNaN: true })) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(seed: unknown, at: number, mut: Mutation): unknown {
  const m = structuredClone(seed);
  const all = nodes(m).filter(([p]) => p.length > 0);
  const [path] = all[at % all.length];
  switch (mut.kind) {
    case "replace":
    case "string":
    case "number":
      return setAt(m, path, (p, k) => (p[k] = structuredClone(mut.value)));
    case "delete":
      return setAt(m, path, (p, k) => (Array.isArray(p) ? p.splice(k as number, 1) : delete p[k]));
    case "add-key": {
      const objects = nodes(m).filter(([, v]) => isObject(v));
      const [, target] = objects[at % objects.length] as [unknown, Record<string, unknown>];
      // JSON.parse makes "__proto__" an own key; so does defineProperty.
      Object.defineProperty(target, mut.key, { value: structuredClone(mut.value), enumerable: true, writable: true, configurable: true });
      return m;
    }
  }
}

describe("precompiled IDMEF validator (Worker fast path) vs zod", () => {
  it("is generated from the current schema (run node scripts/gen-schema.ts)", () => {
    const { js, dts } = renderIdmefValidator();
    expect(readFileSync(VALIDATOR_JS_PATH, "utf8")).toBe(js);
    expect(readFileSync(VALIDATOR_DTS_PATH, "utf8")).toBe(dts);
    expect(js).not.toMatch(/\brequire\(|\bnew Function\b|\beval\(/);
  });

  it("agrees with zod on every message the agent makes from the corpus", () => {
    expect(corpus.length).toBeGreaterThan(1000);
    for (const m of corpus) {
      expectAgreement(m);
      expect(fastAccepts(m)).toBe(true); // the agent's output is valid, and takes the fast path
    }
  });

  it("agrees with zod on mutations: wrong types, unknown keys, bad enums and times, missing fields", () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), mutation, (s, at, mut) => {
        const m = mutate(seeds[s % seeds.length], at, mut);
        expectAgreement(m);
        // And the same value as JSON text, parsed (the Worker's actual input).
        const text = JSON.stringify(m);
        if (text !== undefined) expectAgreement(JSON.parse(text));
        if (!validateMessage(m).ok) rejected++;
      }),
      { numRuns: 4000, seed: 4765 },
    );
    expect(rejected).toBeGreaterThan(1000); // the mutations do hit the rules
  });

  it("leaves zod's refinement and libprelude's token limit to zod", () => {
    const alert = structuredClone(seeds[0]) as { alert: Record<string, unknown> };
    alert.alert.tool_alert = { name: "t", alertident: [{ alertident: "1" }] };
    expectAgreement(alert);
    alert.alert.overflow_alert = { program: "p" };
    expect(validateMessage(alert).ok).toBe(false);
    expectAgreement(alert);

    const big = structuredClone(seeds[0]) as { alert: { additional_data?: unknown[] } };
    big.alert.additional_data = Array.from({ length: 300 }, (_, i) => ({ type: "integer", data: i }));
    expect(matchesJsonSchema(big)).toBe(true);
    expect(checkIdmefMessage(big)).toMatchObject({ ok: false, error: expect.stringMatching(/JSON tokens/) });
    expectAgreement(big);
  });

  it("knows every refinement in schema/idmef.ts, and zod's output is its input (no transforms)", () => {
    // The fast path returns its input and defers only REFINED_ALERT_KEYS to zod: a new refine,
    // transform or default in the model must fail here until ./idmef.ts handles it.
    const refined: string[] = [];
    const seen = new Set<unknown>();
    const walk = (s: z.core.$ZodType, where: string) => {
      if (seen.has(s)) return;
      seen.add(s);
      const def = s._zod.def as z.core.$ZodTypeDef & Record<string, any>;
      for (const c of (def.checks ?? []) as z.core.$ZodCheck[]) if (c._zod.def.check === "custom") refined.push(where);
      expect(["pipe", "transform", "default", "prefault", "catch", "lazy", "promise"], where).not.toContain(def.type);
      if (def.type === "object") for (const [k, v] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) walk(v, `${where}.${k}`);
      if (def.type === "array") walk(def.element, `${where}[]`);
      if (def.type === "optional" || def.type === "nullable") walk(def.innerType, where);
      if (def.type === "union") (def.options as z.core.$ZodType[]).forEach((o, i) => walk(o, `${where}|${i}`));
    };
    walk(IdmefMessageSchema, "$");
    expect(refined).toEqual(["$|0.alert"]);
    const alertChecks = (AlertSchema._zod.def.checks ?? []).length;
    expect(alertChecks).toBe(1);
  });
});
