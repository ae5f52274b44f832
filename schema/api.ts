/**
 * Shapes of the HTTP API (SPEC 3, 4) beyond the IDMEF messages themselves: shared by the Worker
 * (validation, OpenAPI) and idmef-admin (requests, output). zod 4, like schema/idmef.ts.
 */
import { z } from "zod";

export const PERMISSIONS = ["idmef:r", "idmef:w", "admin:r", "admin:w"] as const;
export const PermissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof PermissionSchema>;

/** Client ids and analyzer ids: printable, no spaces, so they are safe in URLs, logs and keyid. */
const IdSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:@-]+$/, "letters, digits and . _ : @ - only");

/** POST /v1/clients. */
export const ClientRegistrationSchema = z.strictObject({
  client_id: IdSchema,
  name: z.string().max(200).default(""),
  /** The analyzer this client may send as; omit or null for operator (admin) clients. */
  analyzer_id: IdSchema.nullable().default(null),
  /** Ed25519 public key: raw 32 bytes base64url (a JWK's `x`) or a PEM SPKI. */
  public_key: z.string().min(1).max(1000),
  permissions: z.array(PermissionSchema).min(1).refine((p) => new Set(p).size === p.length, "permissions listed twice"),
  /** Register admin:r/admin:w on a client bound to an analyzer anyway (refused without it). */
  force: z.boolean().default(false),
});
export type ClientRegistration = z.input<typeof ClientRegistrationSchema>;

/** A client as the API shows it (GET /v1/clients, POST and DELETE answers). */
export interface ClientView {
  client_id: string;
  name: string;
  analyzer_id: string | null;
  public_key: string;
  permissions: Permission[];
  created_at: string;
  revoked_at: string | null;
}

/** POST /v1/messages answer. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; messageid: string | null; error: string }>;
}

/** Triage (SPEC 4.3): an alert without a triage record is "open". */
export const TRIAGE_STATUSES = ["open", "acknowledged", "closed"] as const;
export const TRIAGE_REASONS = ["true_positive", "false_positive", "benign"] as const;
export const GROUP_FIELDS = ["classification", "analyzerid", "source_node", "target_user", "target_process", "target_file", "severity", "completion", "triage"] as const;

const SeverityFilter = z.enum(["info", "low", "medium", "high"]);
const TimeFilter = z.union([z.iso.datetime({ offset: true }), z.string().regex(/^\d{1,15}$/, "epoch milliseconds")]);

/** GET /v1/alerts query. `severity` and `completion` take one value or a comma-separated list. */
export const AlertsQuerySchema = z.strictObject({
  analyzerid: z.string().min(1).max(256).optional(),
  classification: z.string().min(1).max(1024).optional(),
  severity: z
    .string()
    .transform((s) => s.split(","))
    .pipe(z.array(SeverityFilter).min(1))
    .optional(),
  completion: z.enum(["failed", "succeeded"]).optional(),
  /** Exact values of the extracted source/target columns. */
  source_node: z.string().min(1).max(1024).optional(),
  target_user: z.string().min(1).max(1024).optional(),
  target_process: z.string().min(1).max(4096).optional(),
  target_file: z.string().min(1).max(4096).optional(),
  /** Triage status: one or a comma-separated list of open|acknowledged|closed. */
  triage: z
    .string()
    .transform((s) => s.split(","))
    .pipe(z.array(z.enum(TRIAGE_STATUSES)).min(1))
    .optional(),
  /** detect_time ≥ since (RFC 3339 or epoch ms); detect_time as in AlertView (clamped). */
  since: TimeFilter.optional(),
  /** detect_time < until. */
  until: TimeFilter.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).max(2000).optional(),
});
export type AlertsQuery = z.input<typeof AlertsQuerySchema>;


/** GET /v1/alerts/counts: the alert filter plus the field to group by. */
export const AlertCountsQuerySchema = AlertsQuerySchema.omit({ limit: true, cursor: true }).extend({
  field: z.enum(GROUP_FIELDS),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** GET /v1/alerts/histogram: the alert filter; since and until are required, bucket optional. */
export const AlertHistogramQuerySchema = AlertsQuerySchema.omit({ limit: true, cursor: true }).extend({
  bucket_ms: z.coerce.number().int().min(60_000).max(7 * 86_400_000).optional(),
});

const AlertKeySchema = z.strictObject({ analyzerid: z.string().min(1).max(256), messageid: z.string().min(1).max(1024) });

/** POST /v1/triage: change the triage of the listed alerts, or of every alert matching `filter`
 *  (newest first, up to `max`). */
export const TriageRequestSchema = z
  .strictObject({
    status: z.enum(TRIAGE_STATUSES),
    reason: z.enum(TRIAGE_REASONS).nullable().default(null),
    note: z.string().max(2000).nullable().default(null),
    alerts: z.array(AlertKeySchema).min(1).max(1000).optional(),
    filter: z.record(z.string(), z.string()).optional(),
    max: z.number().int().min(1).max(10_000).default(1000),
  })
  .refine((r) => (r.alerts === undefined) !== (r.filter === undefined), "give exactly one of alerts or filter")
  .refine((r) => r.status !== "closed" || r.reason !== null, "closing needs a reason");
export type TriageRequest = z.input<typeof TriageRequestSchema>;

/** One alert in GET /v1/alerts (times are the stored, normalised UTC values). */
export interface AlertView {
  analyzerid: string;
  messageid: string;
  /** min(the message's detect_time — its create_time when absent —, received_at): what lists are
   *  ordered and filtered by, since nothing is detected after it arrived. */
  detect_time: string;
  /** The message's own detect_time (or create_time), present only when it differs from
   *  `detect_time`, i.e. the sender claimed a time after the alert arrived. */
  claimed_detect_time?: string;
  create_time: string;
  received_at: string;
  classification: string;
  severity: string | null;
  completion: string | null;
  source_node: string | null;
  target_node: string | null;
  target_user: string | null;
  target_process: string | null;
  target_file: string | null;
  message: unknown;
}

export interface AlertsPage {
  alerts: AlertView[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  cursor: string | null;
}

/** One analyzer in GET /v1/analyzers; health fields are added by the health monitor. */
export interface AnalyzerView {
  analyzerid: string;
  name: string | null;
  node_name: string | null;
  status: string | null;
  heartbeat_interval: number | null;
  last_heartbeat_at: string | null;
  last_heartbeat_create_time: string | null;
  counters: Record<string, number> | null;
  [more: string]: unknown;
}
