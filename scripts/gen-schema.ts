/**
 * Writes schema/idmef.schema.json (JSON Schema 2020-12) from the zod model in schema/idmef.ts,
 * for people integrating other senders. `--check` exits 1 when the checked-in file is stale.
 * Run: node scripts/gen-schema.ts [--check]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { IdmefMessageSchema } from "../schema/idmef.ts";

export const SCHEMA_JSON_PATH = fileURLToPath(new URL("../schema/idmef.schema.json", import.meta.url));

/** The JSON Schema text, deterministic (zod's output order follows the model). */
export function renderIdmefJsonSchema(): string {
  const schema = z.toJSONSchema(IdmefMessageSchema, { target: "draft-2020-12" });
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderIdmefJsonSchema();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(SCHEMA_JSON_PATH, "utf8");
    } catch {}
    if (current !== text) {
      process.stderr.write("schema/idmef.schema.json is stale: run node scripts/gen-schema.ts\n");
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_JSON_PATH, text);
    process.stderr.write(`wrote ${SCHEMA_JSON_PATH}\n`);
  }
}
