/**
 * Writes, from the zod model in schema/idmef.ts (the one source):
 * - schema/idmef.schema.json (JSON Schema 2020-12), for people integrating other senders;
 * - schema/idmef-validate.gen.js (+ .d.ts): that JSON Schema compiled ahead of time by Ajv's
 *   standalone code generation. The Worker checks messages with it because workerd forbids eval,
 *   so zod runs there in its slow interpreted (jitless) mode; see worker/src/validate/idmef.ts.
 * `--check` exits 1 when a checked-in file is stale.
 * Run: node scripts/gen-schema.ts [--check]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import standalone from "ajv/dist/standalone/index.js";
import { z } from "zod";
import * as idmef from "../schema/idmef.ts";
import { IdmefMessageSchema } from "../schema/idmef.ts";

/**
 * Names for the IDMEF classes in the JSON Schema's $defs (a local registry: the model itself
 * stays free of global registrations).
 */
function classNames(): z.core.$ZodRegistry<{ id: string }> {
  const reg = z.registry<{ id: string }>();
  const named: [z.ZodType, string][] = [
    [idmef.AddressSchema, "Address"], [idmef.NodeSchema, "Node"], [idmef.ProcessSchema, "Process"],
    [idmef.AnalyzerSchema, "Analyzer"], [idmef.ReferenceSchema, "Reference"], [idmef.ClassificationSchema, "Classification"],
    [idmef.UserIdSchema, "UserId"], [idmef.UserSchema, "User"], [idmef.ServiceSchema, "Service"],
    [idmef.FileSchema, "File"], [idmef.LinkageSchema, "Linkage"], [idmef.SourceSchema, "Source"],
    [idmef.TargetSchema, "Target"], [idmef.AssessmentSchema, "Assessment"], [idmef.AdditionalDataSchema, "AdditionalData"],
    [idmef.AlertSchema, "Alert"], [idmef.HeartbeatSchema, "Heartbeat"], [idmef.IdmefTimeSchema, "DateTime"],
  ];
  for (const [schema, id] of named) reg.add(schema, { id });
  return reg;
}

export const SCHEMA_JSON_PATH = fileURLToPath(new URL("../schema/idmef.schema.json", import.meta.url));

/** The JSON Schema text, deterministic (zod's output order follows the model). */
export function renderIdmefJsonSchema(): string {
  const schema = z.toJSONSchema(IdmefMessageSchema, { target: "draft-2020-12", metadata: classNames() });
  const { $schema, ...rest } = schema;
  const doc = {
    $schema,
    $id: "https://idmef-edge.invalid/schema/idmef.schema.json",
    title: "IDMEF message (RFC 4765) in libprelude's JSON encoding, as accepted by POST /v1/messages",
    description:
      "Generated from schema/idmef.ts by scripts/gen-schema.ts; do not edit. Not expressible here: " +
      "at most one of tool_alert/correlation_alert/overflow_alert, and libprelude's limit of 1024 JSON tokens per message.",
    ...rest,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

export const VALIDATOR_JS_PATH = fileURLToPath(new URL("../schema/idmef-validate.gen.js", import.meta.url));
export const VALIDATOR_DTS_PATH = fileURLToPath(new URL("../schema/idmef-validate.gen.d.ts", import.meta.url));

/**
 * The JSON Schema as a standalone ES module exporting `validate(value): boolean` (no eval or
 * Function at run time, no runtime imports). Options chosen to match zod's semantics exactly:
 * - unicode: false: minLength/maxLength count UTF-16 units like zod's `.length` (Ajv's default
 *   counts code points; the option is marked deprecated in Ajv 8 but honoured);
 * - unicodeRegExp: false: patterns compiled without the `u` flag, as zod compiles them;
 * - validateFormats: false: `format: date-time` is only an annotation here; the `pattern` beside
 *   it is zod's own datetime regex, so the check is zod's check;
 * - allErrors: false: stop at the first problem; the Worker asks zod for the explanation.
 */
export function renderIdmefValidator(schemaText = renderIdmefJsonSchema()): { js: string; dts: string } {
  const ajv = new Ajv2020({
    code: { source: true, esm: true, lines: true },
    unicodeRegExp: false,
    validateFormats: false,
    allErrors: false,
    inlineRefs: false,
    strict: true,
    logger: false,
  });
  const validate = ajv.compile(JSON.parse(schemaText));
  // CommonJS module: Node hands its exports object over as the default import.
  const code = standalone.default(ajv, validate);
  const js = inlineAjvRuntime(code);
  if (/\brequire\(/.test(js)) throw new Error("the generated validator still needs Ajv at run time; change the options");
  const banner =
    "// Generated from schema/idmef.schema.json (itself from schema/idmef.ts) by scripts/gen-schema.ts\n" +
    "// with Ajv standalone code generation; do not edit. Run node scripts/gen-schema.ts.\n";
  const dts =
    banner +
    "/** True when `value` satisfies schema/idmef.schema.json (not the refinements it cannot express). */\n" +
    "export declare function validate(value: unknown): boolean;\n" +
    "export default validate;\n";
  return { js: banner + js + "\n", dts };
}

/**
 * Ajv's standalone code `require`s its small runtime helpers (e.g. ucs2length for string
 * lengths in code points). The Worker must not depend on Ajv, so each helper's own source
 * (self-contained functions) is written into the generated module instead.
 */
function inlineAjvRuntime(code: string): string {
  const load = createRequire(import.meta.url);
  const helpers: string[] = [];
  const out = code.replace(/require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)\.default/g, (_, mod: string) => {
    const fn = (load(mod) as { default: (...args: never[]) => unknown }).default;
    const name = `ajvRuntime_${mod.split("/").pop()}`;
    const source = fn.toString();
    if (!source.startsWith("function ") || /\brequire\(/.test(source)) throw new Error(`cannot inline ${mod}`);
    if (!helpers.some((h) => h.startsWith(`const ${name} =`))) helpers.push(`const ${name} = ${source};`);
    return name;
  });
  return out.replace('"use strict";', `"use strict";\n${helpers.join("\n")}`);
}

function outputs(): [string, string][] {
  const schema = renderIdmefJsonSchema();
  const { js, dts } = renderIdmefValidator(schema);
  return [[SCHEMA_JSON_PATH, schema], [VALIDATOR_JS_PATH, js], [VALIDATOR_DTS_PATH, dts]];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes("--check");
  let stale = false;
  for (const [path, text] of outputs()) {
    if (check) {
      let current = "";
      try {
        current = readFileSync(path, "utf8");
      } catch {}
      if (current !== text) {
        process.stderr.write(`${path} is stale: run node scripts/gen-schema.ts\n`);
        stale = true;
      }
    } else {
      writeFileSync(path, text);
      process.stderr.write(`wrote ${path}\n`);
    }
  }
  if (stale) process.exit(1);
}
