/**
 * IDMEF message validation for the Worker, fast path first.
 *
 * zod (schema/idmef.ts) stays the one source and the authority, but workerd forbids eval and
 * `new Function`, so zod runs there interpreted: ~30 µs per agent alert, a large share of a
 * request. The fast path is the same model compiled ahead of time (schema/idmef.schema.json →
 * schema/idmef-validate.gen.js, Ajv standalone; ~3 µs). It only ever ACCEPTS: anything it does not
 * accept outright goes to zod, which decides and words the error. So a fast-path gap can only
 * cost speed, and the differential test (test/agent/schema-fast-validator.test.ts) checks that
 * the fast path never accepts what zod refuses.
 */
import { validateMessage, type IdmefMessage, type ValidationResult } from "../../../schema/idmef.ts";
import { validate as matchesJsonSchema } from "../../../schema/idmef-validate.gen.js";
import { countJsonTokens, MAX_JSON_TOKENS, SELF_TAG_TOKENS } from "../../../schema/idmef-wire.ts";

/**
 * Alert keys that zod's refinement on AlertSchema (at most one of them) looks at: JSON Schema
 * does not carry it, so an alert with any of them is left to zod. Rare in practice (the agent
 * sends none). A test fails if schema/idmef.ts gains a refinement this list does not cover.
 */
export const REFINED_ALERT_KEYS = ["tool_alert", "correlation_alert", "overflow_alert"] as const;

function leftToZod(value: object): boolean {
  const alert = (value as { alert?: Record<string, unknown> }).alert;
  if (alert === undefined) return false;
  for (const k of REFINED_ALERT_KEYS) if (alert[k] !== undefined) return true;
  return false;
}

/** Every JSON token starts at its own character of the compact text, so a message whose
 *  JSON.stringify text is this short cannot exceed the token limit: no need to count. */
const TOKEN_SAFE_LENGTH = MAX_JSON_TOKENS - SELF_TAG_TOKENS;

/**
 * True when the value is certainly a valid IDMEF message; false means "ask zod".
 * `jsonLength`: the length of JSON.stringify(value), when the caller has it.
 */
export function fastAccepts(value: unknown, jsonLength?: number): boolean {
  return (
    matchesJsonSchema(value) &&
    !leftToZod(value as object) &&
    ((jsonLength !== undefined && jsonLength <= TOKEN_SAFE_LENGTH) || countJsonTokens(value) + SELF_TAG_TOKENS <= MAX_JSON_TOKENS)
  );
}

/** Same contract and same answers as schema/idmef.ts `validateMessage`, faster on valid input. */
export function checkIdmefMessage(value: unknown, jsonLength?: number): ValidationResult {
  if (fastAccepts(value, jsonLength)) {
    // zod's output for a valid message equals its input (strict objects, no transforms/defaults).
    return { ok: true, message: value as IdmefMessage };
  }
  return validateMessage(value);
}
