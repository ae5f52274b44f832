/** idmef-admin: operators manage clients and read alerts through the signed API. */
import { parseArgs } from "node:util";
import { AdminApi } from "./api.ts";
import { alerts, analyzers, list, register, revoke, type Output } from "./commands.ts";
import { visible } from "./format.ts";
import { consoleLink, counts, heartbeats, histogram, triage } from "./console-commands.ts";
import { DEFAULT_ADMIN_DIR, init } from "./init.ts";
import { exportAlerts, status } from "./history.ts";
import { stream } from "./stream.ts";

export const USAGE = `usage:
  idmef-admin init --local|--remote [--dir DIR] [--admin-id ID] [--name N] [--persist-to STATE_DIR] [--force]
  idmef-admin --server URL --key DIR/admin.key [--admin-id ID] [--json] COMMAND
commands:
  register --client-id ID --analyzer-id AID --public-key FILE|KEY --permissions "idmef:w" [--name N] [--force]
  revoke ID
  list
  alerts [--analyzer AID] [--classification TEXT] [--severity S[,S]] [--completion failed|succeeded]
         [--since TIME] [--until TIME] [--limit N] [--cursor C] [--all]
  analyzers
  counts --field classification|analyzerid|source_node|target_user|target_process|target_file|severity|completion|triage
         [the alerts filters]
  histogram --since TIME --until TIME [--bucket MS] [the alerts filters]   alerts per severity per time bucket
  heartbeats ANALYZERID [--limit N] [--before MS]   heartbeat history: starts, clean stops, restarts, gaps
  triage --status open|acknowledged|closed [--reason true_positive|false_positive|benign] [--note TEXT]
         ANALYZERID/MESSAGEID...
  console [--role viewer|triager|admin]   a one-time console login link (CONSOLE_AUTH=link)
  stream [--follow] [--types alert,heartbeat,health] [--format jsonl|csv|text] [--bookmark-file FILE] [--after BOOKMARK]
  stream-types CLIENT_ID alert,heartbeat,health|all     which types a client may stream
  export --since TIME --until TIME [--analyzer AID] [--format jsonl|csv]   hot and archived alerts, in detect order
  status                                                 capacity: database size, rows, archive
The admin's client id comes from admin.json beside the key unless --admin-id is given.
register refuses admin:* for a client with an analyzer id (a host's key) unless --force.
Server strings are shown with control and bidi characters escaped (\\x1b, \\u202e); --json too.
init writes DIR/admin.key (PKCS#8 PEM, 0600) and DIR/admin.json; DIR defaults to ${DEFAULT_ADMIN_DIR}.
`;

class UsageError extends Error {}

const OPTIONS = {
  server: { type: "string" },
  key: { type: "string" },
  "admin-id": { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  local: { type: "boolean", default: false },
  remote: { type: "boolean", default: false },
  dir: { type: "string" },
  "persist-to": { type: "string" },
  database: { type: "string", default: "DB" },
  force: { type: "boolean", default: false },
  name: { type: "string" },
  "client-id": { type: "string" },
  "analyzer-id": { type: "string" },
  "public-key": { type: "string" },
  permissions: { type: "string" },
  analyzer: { type: "string" },
  classification: { type: "string" },
  severity: { type: "string" },
  completion: { type: "string" },
  since: { type: "string" },
  until: { type: "string" },
  limit: { type: "string" },
  cursor: { type: "string" },
  all: { type: "boolean", default: false },
  field: { type: "string" },
  status: { type: "string" },
  reason: { type: "string" },
  note: { type: "string" },
  role: { type: "string" },
  follow: { type: "boolean", default: false },
  types: { type: "string" },
  format: { type: "string" },
  "bookmark-file": { type: "string" },
  after: { type: "string" },
  bucket: { type: "string" },
  before: { type: "string" },
} as const;

function need<T>(v: T | undefined, flag: string): T {
  if (v === undefined || v === "") throw new UsageError(`${flag} is required`);
  return v;
}

/**
 * `--opt value` → `--opt=value` for every option that takes a value: parseArgs refuses a separate
 * value that starts with "-" as ambiguous, and a base64url public key does so once in 64 keys
 * (and a note or a classification may too).
 */
function joinOptionValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith("--") ? argv[i].slice(2) : "";
    const opt = (OPTIONS as Record<string, { type: string }>)[name];
    if (opt?.type === "string" && i + 1 < argv.length) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: joinOptionValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`idmef-admin: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (v.help || !command) {
    (v.help ? out : (s: string) => process.stderr.write(s))(USAGE);
    return v.help ? 0 : 2;
  }
  const o: Output = { json: v.json, out };
  try {
    if (command === "init") {
      if (v.local === v.remote) throw new UsageError("init needs exactly one of --local or --remote");
      await init({
        target: v.local ? "local" : "remote",
        dir: v.dir ?? DEFAULT_ADMIN_DIR,
        clientId: v["admin-id"] ?? "admin",
        name: v.name ?? "administrator",
        persistTo: v["persist-to"],
        database: v.database,
        force: v.force,
        out: v.json ? () => {} : out,
      }).then((r) => v.json && out(JSON.stringify({ client_id: r.clientId, key_file: r.keyFile, public_key: r.publicKey }) + "\n"));
      return 0;
    }
    const api = await AdminApi.open(need(v.server, "--server"), need(v.key, "--key"), v["admin-id"]);
    switch (command) {
      case "register": {
        const permissions = need(v.permissions, "--permissions").split(/[\s,]+/).filter(Boolean);
        await register(
          api,
          {
            clientId: need(v["client-id"], "--client-id"),
            analyzerId: v["analyzer-id"] ?? null,
            publicKey: need(v["public-key"], "--public-key"),
            permissions,
            name: v.name ?? v["client-id"]!,
            force: v.force,
          },
          o,
        );
        break;
      }
      case "revoke":
        if (rest.length !== 1) throw new UsageError("revoke takes one client id");
        await revoke(api, rest[0], o);
        break;
      case "list":
        await list(api, o);
        break;
      case "alerts":
        await alerts(
          api,
          {
            analyzerid: v.analyzer,
            classification: v.classification,
            severity: v.severity,
            completion: v.completion,
            since: v.since,
            until: v.until,
            limit: v.limit,
            cursor: v.cursor,
            all: v.all,
          },
          o,
        );
        break;
      case "analyzers":
        await analyzers(api, o);
        break;
      case "counts": {
        const filter = { analyzerid: v.analyzer, classification: v.classification, severity: v.severity, completion: v.completion, since: v.since, until: v.until };
        await counts(api, need(v.field, "--field"), filter, o);
        break;
      }
      case "histogram": {
        const filter = { analyzerid: v.analyzer, classification: v.classification, severity: v.severity, completion: v.completion, bucket_ms: v.bucket };
        await histogram(api, { ...filter, since: need(v.since, "--since"), until: need(v.until, "--until") }, o);
        break;
      }
      case "heartbeats":
        if (rest.length !== 1) throw new UsageError("heartbeats takes one analyzer id");
        await heartbeats(api, rest[0], { limit: v.limit, before: v.before }, o);
        break;
      case "triage":
        if (rest.length === 0) throw new UsageError("triage takes one or more ANALYZERID/MESSAGEID");
        await triage(api, { status: need(v.status, "--status"), reason: v.reason, note: v.note, alerts: rest }, o);
        break;
      case "console":
        await consoleLink(api, v.role, o);
        break;
      case "stream": {
        const format = v.format ?? "jsonl";
        if (format !== "jsonl" && format !== "csv" && format !== "text") throw new UsageError("--format is jsonl, csv or text");
        const ac = new AbortController();
        process.once("SIGINT", () => ac.abort());
        process.once("SIGTERM", () => ac.abort());
        await stream(api, { types: v.types, format, follow: v.follow, bookmarkFile: v["bookmark-file"], after: v.after, limit: v.limit, out, signal: ac.signal });
        break;
      }
      case "stream-types": {
        if (rest.length !== 2) throw new UsageError("stream-types takes a client id and a type list (or all)");
        const types = rest[1] === "all" ? null : rest[1].split(/[\s,]+/).filter(Boolean);
        const r = await api.call<{ client_id: string; stream_types: string[] | null }>("PUT", `/v1/clients/${encodeURIComponent(rest[0])}/stream-types`, { types });
        out(v.json ? JSON.stringify(r) + "\n" : `${r.client_id} may stream ${r.stream_types === null ? "all types" : r.stream_types.join(", ") || "nothing"}\n`);
        break;
      }
      case "export": {
        const format = v.format ?? "jsonl";
        if (format !== "jsonl" && format !== "csv") throw new UsageError("export --format is jsonl or csv");
        await exportAlerts(api, { since: need(v.since, "--since"), until: need(v.until, "--until"), analyzer: v.analyzer, format, out });
        break;
      }
      case "status":
        await status(api, o);
        break;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`idmef-admin: ${e.message}\n${USAGE}`);
      return 2;
    }
    // API errors quote the server's problem detail: attacker-reachable text like any other.
    process.stderr.write(`idmef-admin ${visible(command)}: ${visible((e as Error).message)}\n`);
    return 1;
  }
}
