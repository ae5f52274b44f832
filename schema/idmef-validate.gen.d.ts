// Generated from schema/idmef.schema.json (itself from schema/idmef.ts) by scripts/gen-schema.ts
// with Ajv standalone code generation; do not edit. Run node scripts/gen-schema.ts.
/** True when `value` satisfies schema/idmef.schema.json (not the refinements it cannot express). */
export declare function validate(value: unknown): boolean;
export default validate;
