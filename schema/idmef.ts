/**
 * The IDMEF message model (RFC 4765) in libprelude's JSON encoding — the one schema source for
 * the agent (types), the Worker (runtime validation) and other senders (idmef.schema.json).
 *
 * Encoding, as libprelude 5.2 reads and writes it (checked with python3-prelude):
 * - keys are IDMEF path names in lower_snake (`create_time`, `user_id`, `additional_data`);
 * - multi-valued classes are arrays (`analyzer`, `source`, `target`, `file`, `address`, `user_id`,
 *   `arg`, `env`, `reference`, `action`, `additional_data`, ...);
 * - enums are the RFC 4765 strings; libprelude silently DROPS a value it does not know, so they are
 *   closed here;
 * - integers must be JSON numbers and strings JSON strings (libprelude rejects `"pid": "12"`);
 * - an object with a key libprelude does not know is rejected ("unexpected field"), so every
 *   object is strict;
 * - times are RFC 3339 with an offset; libprelude writes them back as `...SS.ffffff+HH:MM`;
 * - additional_data is `{meaning, type, data}` with `data` typed by `type`: a JSON string for
 *   string/character/portlist/xml/date-time/byte-string, a number for integer/byte/ntpstamp/real,
 *   0 or 1 for boolean (libprelude refuses JSON true/false there).
 *   Note: libprelude reads a byte-string's data as raw text but writes it base64-encoded, so a
 *   byte-string does not survive a libprelude round trip; prefer string.
 * - the reader refuses documents of more than 1024 JSON tokens (jsmn), see `countJsonTokens`.
 * Messages are sent without libprelude's `_self` tags (SPEC 3), so `_self` is an unknown key here.
 */
import { z } from "zod";
import { countJsonTokens, MAX_JSON_TOKENS, SELF_TAG_TOKENS } from "./idmef-wire.ts";

// ---- scalar helpers -------------------------------------------------------------------------

const uint = (max: number) => z.number().int().min(0).max(max);
const UINT8 = uint(255);
const UINT16 = uint(65535);
const UINT32 = uint(4294967295);
const UINT64 = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const INT32 = z.number().int().min(-2147483648).max(2147483647);

/** RFC 3339 date-time with a UTC offset (`Z` or `±HH:MM`), optional fraction. */
export const IdmefTimeSchema = z.iso.datetime({ offset: true });

export { idmefTime, countJsonTokens, MAX_JSON_TOKENS } from "./idmef-wire.ts";

// ---- enums (RFC 4765 strings, exactly libprelude's lists) ----------------------------------

export const NodeCategorySchema = z.enum([
  "unknown", "ads", "afs", "coda", "dfs", "dns", "hosts", "kerberos", "nds", "nis", "nisplus", "nt", "wfw",
]);
export const AddressCategorySchema = z.enum([
  "unknown", "atm", "e-mail", "lotus-notes", "mac", "sna", "vm", "ipv4-addr", "ipv4-addr-hex",
  "ipv4-net", "ipv4-net-mask", "ipv6-addr", "ipv6-addr-hex", "ipv6-net", "ipv6-net-mask",
]);
export const UserCategorySchema = z.enum(["unknown", "application", "os-device"]);
export const UserIdTypeSchema = z.enum([
  "original-user", "current-user", "target-user", "user-privs", "current-group", "group-privs", "other-privs",
]);
export const ReferenceOriginSchema = z.enum([
  "unknown", "vendor-specific", "user-specific", "bugtraqid", "cve", "osvdb",
]);
export const SeveritySchema = z.enum(["info", "low", "medium", "high"]);
export const CompletionSchema = z.enum(["failed", "succeeded"]);
export const ImpactTypeSchema = z.enum(["other", "admin", "dos", "file", "recon", "user"]);
export const ActionCategorySchema = z.enum(["other", "block-installed", "notification-sent", "taken-offline"]);
export const ConfidenceRatingSchema = z.enum(["numeric", "low", "medium", "high"]);
export const YesNoUnknownSchema = z.enum(["unknown", "yes", "no"]);
export const FileCategorySchema = z.enum(["current", "original"]);
export const FsTypeSchema = z.enum(["ufs", "efs", "nfs", "afs", "ntfs", "fat16", "fat32", "pcfs", "joliet", "iso9660"]);
export const LinkageCategorySchema = z.enum([
  "hard-link", "mount-point", "reparse-point", "shortcut", "stream", "symbolic-link",
]);
export const ChecksumAlgorithmSchema = z.enum([
  "MD4", "MD5", "SHA1", "SHA2-256", "SHA2-384", "SHA2-512", "CRC-32", "Haval", "Tiger", "Gost",
]);

// ---- classes --------------------------------------------------------------------------------

export const AddressSchema = z.strictObject({
  ident: z.string().optional(),
  category: AddressCategorySchema.optional(),
  vlan_name: z.string().optional(),
  vlan_num: INT32.optional(),
  address: z.string(),
  netmask: z.string().optional(),
});

export const NodeSchema = z.strictObject({
  ident: z.string().optional(),
  category: NodeCategorySchema.optional(),
  name: z.string().optional(),
  location: z.string().optional(),
  address: z.array(AddressSchema).optional(),
});

export const ProcessSchema = z.strictObject({
  ident: z.string().optional(),
  name: z.string(),
  pid: UINT32.optional(),
  path: z.string().optional(),
  arg: z.array(z.string()).optional(),
  env: z.array(z.string()).optional(),
});

export const AnalyzerSchema = z.strictObject({
  analyzerid: z.string().min(1),
  name: z.string().optional(),
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  version: z.string().optional(),
  class: z.string().optional(),
  ostype: z.string().optional(),
  osversion: z.string().optional(),
  node: NodeSchema.optional(),
  process: ProcessSchema.optional(),
});

export const ReferenceSchema = z.strictObject({
  origin: ReferenceOriginSchema,
  name: z.string(),
  url: z.string(),
  meaning: z.string().optional(),
});

export const ClassificationSchema = z.strictObject({
  ident: z.string().optional(),
  text: z.string().min(1),
  reference: z.array(ReferenceSchema).optional(),
});

export const UserIdSchema = z.strictObject({
  ident: z.string().optional(),
  type: UserIdTypeSchema.optional(),
  tty: z.string().optional(),
  name: z.string().optional(),
  number: UINT32.optional(),
});

export const UserSchema = z.strictObject({
  ident: z.string().optional(),
  category: UserCategorySchema.optional(),
  user_id: z.array(UserIdSchema).min(1),
});

export const WebServiceSchema = z.strictObject({
  url: z.string(),
  cgi: z.string().optional(),
  http_method: z.string().optional(),
  arg: z.array(z.string()).optional(),
});

export const SnmpServiceSchema = z.strictObject({
  oid: z.string().optional(),
  message_processing_model: UINT32.optional(),
  security_model: UINT32.optional(),
  security_name: z.string().optional(),
  security_level: UINT32.optional(),
  context_name: z.string().optional(),
  context_engine_id: z.string().optional(),
  command: z.string().optional(),
});

export const ServiceSchema = z.strictObject({
  ident: z.string().optional(),
  ip_version: UINT8.optional(),
  iana_protocol_number: UINT8.optional(),
  iana_protocol_name: z.string().optional(),
  name: z.string().optional(),
  port: UINT16.optional(),
  portlist: z.string().optional(),
  protocol: z.string().optional(),
  web_service: WebServiceSchema.optional(),
  snmp_service: SnmpServiceSchema.optional(),
});

export const FileAccessSchema = z.strictObject({
  user_id: UserIdSchema,
  permission: z.array(z.string()).optional(),
});

export const InodeSchema = z.strictObject({
  change_time: IdmefTimeSchema.optional(),
  number: UINT32.optional(),
  major_device: UINT32.optional(),
  minor_device: UINT32.optional(),
  c_major_device: UINT32.optional(),
  c_minor_device: UINT32.optional(),
});

export const ChecksumSchema = z.strictObject({
  value: z.string(),
  key: z.string().optional(),
  algorithm: ChecksumAlgorithmSchema,
});

/** File is recursive through Linkage.file, hence the getter. */
export const FileSchema = z.strictObject({
  ident: z.string().optional(),
  name: z.string(),
  path: z.string(),
  create_time: IdmefTimeSchema.optional(),
  modify_time: IdmefTimeSchema.optional(),
  access_time: IdmefTimeSchema.optional(),
  data_size: UINT64.optional(),
  disk_size: UINT64.optional(),
  file_access: z.array(FileAccessSchema).optional(),
  get linkage() {
    return z.array(LinkageSchema).optional();
  },
  inode: InodeSchema.optional(),
  checksum: z.array(ChecksumSchema).optional(),
  category: FileCategorySchema,
  fstype: FsTypeSchema.optional(),
  file_type: z.string().optional(),
});

export const LinkageSchema = z.strictObject({
  category: LinkageCategorySchema,
  name: z.string(),
  path: z.string(),
  get file() {
    return FileSchema.optional();
  },
});

export const SourceSchema = z.strictObject({
  ident: z.string().optional(),
  spoofed: YesNoUnknownSchema.optional(),
  interface: z.string().optional(),
  node: NodeSchema.optional(),
  user: UserSchema.optional(),
  process: ProcessSchema.optional(),
  service: ServiceSchema.optional(),
});

export const TargetSchema = z.strictObject({
  ident: z.string().optional(),
  decoy: YesNoUnknownSchema.optional(),
  interface: z.string().optional(),
  node: NodeSchema.optional(),
  user: UserSchema.optional(),
  process: ProcessSchema.optional(),
  service: ServiceSchema.optional(),
  file: z.array(FileSchema).optional(),
});

export const ImpactSchema = z.strictObject({
  severity: SeveritySchema.optional(),
  completion: CompletionSchema.optional(),
  type: ImpactTypeSchema.optional(),
  description: z.string().optional(),
});

export const ActionSchema = z.strictObject({
  category: ActionCategorySchema.optional(),
  description: z.string().optional(),
});

export const ConfidenceSchema = z.strictObject({
  rating: ConfidenceRatingSchema.optional(),
  confidence: z.number().min(0).max(1).optional(),
});

export const AssessmentSchema = z.strictObject({
  impact: ImpactSchema.optional(),
  action: z.array(ActionSchema).optional(),
  confidence: ConfidenceSchema.optional(),
});

const adata = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({ meaning: z.string().optional(), type: z.literal(type), data });

/** AdditionalData: `data`'s JSON type follows `type`, as libprelude reads it. */
export const AdditionalDataSchema = z.discriminatedUnion("type", [
  adata("string", z.string()),
  adata("character", z.string().length(1)),
  adata("portlist", z.string()),
  adata("xml", z.string()),
  adata("byte-string", z.string()),
  adata("date-time", IdmefTimeSchema),
  adata("integer", z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)),
  adata("byte", UINT8),
  adata("ntpstamp", UINT64),
  adata("real", z.number()),
  adata("boolean", z.union([z.literal(0), z.literal(1)])),
]);

export const AlertIdentSchema = z.strictObject({
  alertident: z.string(),
  analyzerid: z.string().optional(),
});

export const ToolAlertSchema = z.strictObject({
  name: z.string(),
  command: z.string().optional(),
  alertident: z.array(AlertIdentSchema).min(1),
});

export const CorrelationAlertSchema = z.strictObject({
  name: z.string(),
  alertident: z.array(AlertIdentSchema).min(1),
});

export const OverflowAlertSchema = z.strictObject({
  program: z.string(),
  size: UINT32.optional(),
  buffer: z.string().optional(),
});

/** The Alert class (the value of a message's `alert` key). */
export const AlertSchema = z
  .strictObject({
    messageid: z.string().min(1),
    analyzer: z.array(AnalyzerSchema).min(1),
    create_time: IdmefTimeSchema,
    classification: ClassificationSchema,
    detect_time: IdmefTimeSchema.optional(),
    analyzer_time: IdmefTimeSchema.optional(),
    source: z.array(SourceSchema).optional(),
    target: z.array(TargetSchema).optional(),
    assessment: AssessmentSchema.optional(),
    additional_data: z.array(AdditionalDataSchema).optional(),
    tool_alert: ToolAlertSchema.optional(),
    correlation_alert: CorrelationAlertSchema.optional(),
    overflow_alert: OverflowAlertSchema.optional(),
  })
  .refine(
    (a) => [a.tool_alert, a.correlation_alert, a.overflow_alert].filter((x) => x !== undefined).length <= 1,
    { message: "at most one of tool_alert, correlation_alert, overflow_alert (libprelude keeps one)" },
  );

/** The Heartbeat class (the value of a message's `heartbeat` key). */
export const HeartbeatSchema = z.strictObject({
  messageid: z.string().min(1),
  analyzer: z.array(AnalyzerSchema).min(1),
  create_time: IdmefTimeSchema,
  analyzer_time: IdmefTimeSchema.optional(),
  heartbeat_interval: UINT32.optional(),
  additional_data: z.array(AdditionalDataSchema).optional(),
});

export const AlertMessageSchema = z.strictObject({ version: z.literal("1.0"), alert: AlertSchema });
export const HeartbeatMessageSchema = z.strictObject({ version: z.literal("1.0"), heartbeat: HeartbeatSchema });
/** One IDMEF message as sent on the wire: `{"version": "1.0", "alert" | "heartbeat": {...}}`. */
export const IdmefMessageSchema = z.union([AlertMessageSchema, HeartbeatMessageSchema]);

// ---- types ----------------------------------------------------------------------------------

export type Address = z.infer<typeof AddressSchema>;
export type IdmefNode = z.infer<typeof NodeSchema>;
export type Process = z.infer<typeof ProcessSchema>;
export type Analyzer = z.infer<typeof AnalyzerSchema>;
export type Reference = z.infer<typeof ReferenceSchema>;
export type Classification = z.infer<typeof ClassificationSchema>;
export type UserId = z.infer<typeof UserIdSchema>;
export type User = z.infer<typeof UserSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type IdmefFile = z.infer<typeof FileSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Target = z.infer<typeof TargetSchema>;
export type Impact = z.infer<typeof ImpactSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type Confidence = z.infer<typeof ConfidenceSchema>;
export type Assessment = z.infer<typeof AssessmentSchema>;
export type AdditionalData = z.infer<typeof AdditionalDataSchema>;
export type Severity = z.infer<typeof SeveritySchema>;
export type Completion = z.infer<typeof CompletionSchema>;
export type ImpactType = z.infer<typeof ImpactTypeSchema>;
export type UserIdType = z.infer<typeof UserIdTypeSchema>;
export type Alert = z.infer<typeof AlertSchema>;
export type Heartbeat = z.infer<typeof HeartbeatSchema>;
export type AlertMessage = z.infer<typeof AlertMessageSchema>;
export type HeartbeatMessage = z.infer<typeof HeartbeatMessageSchema>;
export type IdmefMessage = z.infer<typeof IdmefMessageSchema>;

// ---- validation -----------------------------------------------------------------------------

export type ValidationResult =
  | { ok: true; message: IdmefMessage }
  | { ok: false; error: string };

function formatPath(path: readonly PropertyKey[]): string {
  let s = "$";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : `.${String(p)}`;
  return s;
}

/**
 * Validates one decoded JSON value as an IDMEF message. The error names the first problems with
 * their JSON path, e.g. `$.alert.assessment.impact.severity: Invalid option: expected one of ...`.
 */
export function validateMessage(value: unknown): ValidationResult {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, error: "$: expected an IDMEF message object" };
  }
  const obj = value as Record<string, unknown>;
  const schema = "alert" in obj ? AlertMessageSchema : "heartbeat" in obj ? HeartbeatMessageSchema : null;
  if (!schema) return { ok: false, error: '$: expected an "alert" or a "heartbeat" key' };
  const r = schema.safeParse(value);
  if (!r.success) {
    const shown = r.error.issues.slice(0, 3).map((i) => `${formatPath(i.path)}: ${i.message}`);
    const more = r.error.issues.length > 3 ? ` (+${r.error.issues.length - 3} more)` : "";
    return { ok: false, error: shown.join("; ") + more };
  }
  const tokens = countJsonTokens(value) + SELF_TAG_TOKENS;
  if (tokens > MAX_JSON_TOKENS) {
    return { ok: false, error: `$: ${tokens} JSON tokens, over libprelude's limit of ${MAX_JSON_TOKENS}` };
  }
  return { ok: true, message: r.data as IdmefMessage };
}
