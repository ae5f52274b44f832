/**
 * Writes schema/idmef.schema.json (JSON Schema 2020-12) from the zod model in schema/idmef.ts,
 * for people integrating other senders. `--check` exits 1 when the checked-in file is stale.
 * Run: node scripts/gen-schema.ts [--check]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
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
