/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * /console: the operator console (SPEC 4.3). Thin routes over the same store functions as the
 * /v1 API (searchAlerts, countBy, severityHistogram, applyTriage through runTriage, fleet.ts);
 * pages are rendered on the server with hono/jsx. Guards, outermost first: CSP with a per-request
 * nonce · sign-in (login link or Access JWT) · same-origin check on every POST · role per action.
 */
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { bodyLimit } from "hono/body-limit";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { TRIAGE_MAX_BYTES } from "../limits.ts";
import { Problem, problemResponse } from "../problem.ts";
import { runTriage } from "../routes/triage.ts";
import { countsContext, type CountsContext } from "../store/alert-counts.ts";
import { bucketFor, countBy, severityHistogram } from "../store/aggregate.ts";
import { getAnalyzer, healthCounts, heartbeatHistory, listAnalyzersPage, severityCountsByAnalyzer } from "../store/fleet.ts";
import { getAlert, searchAlerts } from "../store/queries.ts";
import { triageHistory, triageOf } from "../store/triage.ts";
import { healthConfig } from "../health/config.ts";
import { consoleAuth, hasRole, requireRole, sameOrigin, sessionCookieName, type ConsoleAppEnv } from "./auth/index.ts";
import { endSession, redeemLoginLink, SESSION_TTL_MS } from "./auth/sessions.ts";
import { exportStream } from "./export.ts";
import { APP_JS } from "./static/app.ts";
import { readState, stateFilter, stateQuery, type ConsoleState } from "./state.ts";
import { AnalyzerPage, AnalyzersPage } from "./views/analyzers.tsx";
import { AlertsPage } from "./views/alerts.tsx";
import { DetailPage } from "./views/detail.tsx";
import { Layout, type Summary } from "./views/layout.tsx";

const PAGE_SIZE = 50;
const DAY = 86_400_000;

const nonceOf = (c: Context<ConsoleAppEnv>) => c.get("secureHeadersNonce") ?? "";

/** Only our own console paths may be a redirect target (no open redirect through `back`). */
const safeBack = (back: unknown) => (typeof back === "string" && /^\/console(\?|\/[a-z]|$)/.test(back) && !back.includes("\\") ? back : "/console");

async function summary(db: D1Database, s: ConsoleState, ctx: CountsContext): Promise<Summary> {
  const [sev, health] = await Promise.all([countBy(db, "severity", { since: s.since, until: s.until }, 10, ctx), healthCounts(db)]);
  const down = (health.missing ?? 0) + (health.failed ?? 0);
  return {
    severity: Object.fromEntries(sev.groups.map((g) => [g.value ?? "unknown", g.count])),
    analyzers: { up: health.online ?? 0, down },
    rangeQuery: stateQuery({ ...s, filters: {}, group: null }),
  };
}

function page(c: Context<ConsoleAppEnv>, title: string, body: unknown, sum?: Summary) {
  return c.html(
    <Layout title={title} nonce={nonceOf(c)} who={c.get("who") ?? null} summary={sum}>
      {body as never}
    </Layout>,
  );
}

export function consoleApp() {
  const app = new Hono<ConsoleAppEnv>();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: [NONCE],
        styleSrc: [NONCE],
        imgSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: "same-origin",
    }),
  );
  app.use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
  // The console's forms (sign-in, triage of a selection) are small; /v1's per-route limits live in
  // auth/body-limit.ts, which the console's own sign-in does not pass through.
  app.use(
    bodyLimit({
      maxSize: TRIAGE_MAX_BYTES,
      onError: (c) => problemResponse(c, new Problem(413, "body-too-large", `the request body is over the ${TRIAGE_MAX_BYTES}-byte limit`)),
    }),
  );
  app.onError((err, c) => {
    if (err instanceof Problem && (err.status === 401 || err.status === 403) && c.req.header("accept")?.includes("text/html")) {
      // A person without a session sees how to sign in, and nothing else.
      c.status(err.status);
      return page(c, "Sign in", <p class="error" data-testid="signin">{err.message}</p>);
    }
    if (err instanceof Problem) return problemResponse(c, err);
    throw err;
  });

  // The login link: GET shows a button (link scanners that prefetch do not spend it), POST redeems.
  app.get("/login", (c) =>
    page(
      c,
      "Sign in",
      <form method="post" action="/console/login">
        <input type="hidden" name="token" value={c.req.query("token") ?? ""} />
        <input type="hidden" name="next" value={safeBack(c.req.query("next"))} />
        <button type="submit" data-testid="login">Sign in to idmef-edge</button>
      </form>,
    ),
  );
  app.post("/login", sameOrigin(), async (c) => {
    const form = await c.req.parseBody();
    const s = typeof form.token === "string" && form.token ? await redeemLoginLink(c.env.DB, form.token, Date.now()) : null;
    if (!s) throw new Problem(401, "console-login", "this login link is unknown, used or expired: ask `idmef-admin console` for a new one");
    const https = new URL(c.req.url).protocol === "https:";
    setCookie(c, sessionCookieName(c.req.url), s.sessionId, { httpOnly: true, sameSite: "Strict", secure: https, path: "/", maxAge: SESSION_TTL_MS / 1000 });
    // Where the link says to land (a console path only: never another site), e.g. npm start's demo range.
    return c.redirect(safeBack(form.next), 303);
  });

  app.use(consoleAuth(), sameOrigin());

  app.get("/app.js", (c) => c.body(APP_JS, 200, { "Content-Type": "text/javascript; charset=utf-8" }));

  app.post("/logout", async (c) => {
    const name = sessionCookieName(c.req.url);
    const sid = getCookie(c, name);
    if (sid) await endSession(c.env.DB, sid);
    deleteCookie(c, name, { path: "/", secure: new URL(c.req.url).protocol === "https:" });
    return c.redirect("/console/login", 303);
  });

  app.get("/", async (c) => {
    const db = c.env.DB;
    const s = readState(c.req.query(), c.get("now"));
    const filter = stateFilter(s);
    // Histogram and group counts leave the triage status out: they show the volume in the range,
    // and a triage condition costs a lookup per alert counted (a week is ~500,000 at fleet size).
    const { triage: _listOnly, ...volume } = filter;
    const bucketMs = bucketFor(s.until - s.since);
    const ctx = countsContext(c.env, c.get("now"));
    const [list, buckets, grouped, sum] = await Promise.all([
      searchAlerts(db, { ...filter, limit: PAGE_SIZE, cursor: s.cursor }),
      severityHistogram(db, { ...volume, since: s.since, until: s.until }, bucketMs, ctx),
      countBy(db, s.group ?? "severity", volume, 100, ctx),
      summary(db, s, ctx),
    ]);
    const triage = await triageOf(db, list.alerts);
    const body = (
      <AlertsPage
        s={s}
        alerts={list.alerts}
        cursor={list.cursor}
        triage={triage}
        buckets={buckets}
        bucketMs={bucketMs}
        groups={s.group ? grouped.groups : null}
        total={grouped.total}
        canTriage={hasRole(c.get("who"), "triager")}
      />
    );
    return page(c, "Alerts", body, sum);
  });

  app.get("/alert", async (c) => {
    const { analyzerid, messageid } = c.req.query();
    const a = analyzerid && messageid ? await getAlert(c.env.DB, analyzerid, messageid) : null;
    if (!a) throw new Problem(404, "not-found", "no such alert");
    const s = readState({ tz: c.req.query("tz") ?? "" }, c.get("now"));
    const history = await triageHistory(c.env.DB, a);
    const back = safeBack(c.req.header("referer") ? new URL(c.req.header("referer")!).pathname + new URL(c.req.header("referer")!).search : "/console");
    return page(c, a.classification, <DetailPage a={a} s={s} history={history} canTriage={hasRole(c.get("who"), "triager")} back={back} />, await summary(c.env.DB, s, countsContext(c.env, c.get("now"))));
  });

  app.post("/triage", requireRole("triager"), async (c) => {
    const form = await c.req.parseBody({ all: true });
    const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");
    const status = form.status;
    const reason = typeof form.reason === "string" && form.reason !== "" ? form.reason : null;
    const note = typeof form.note === "string" && form.note.trim() !== "" ? form.note.trim() : null;
    let request: Record<string, unknown>;
    if (form.scope === "filter") {
      const s = readState(Object.fromEntries(new URLSearchParams(typeof form.filter === "string" ? form.filter : "")), c.get("now"));
      request = { status, reason, note, filter: Object.fromEntries(Object.entries({ ...s.filters, since: String(s.since), until: String(s.until) }).filter(([, v]) => v !== "")) };
    } else {
      const keys = list(form.key).map((k) => {
        const [analyzerid, messageid] = JSON.parse(k) as [string, string];
        return { analyzerid, messageid };
      });
      if (keys.length === 0) throw new Problem(400, "no-selection", "select at least one alert");
      request = { status, reason, note, alerts: keys };
    }
    await runTriage(c.env.DB, request, c.get("who").identity, c.get("now"));
    return c.redirect(safeBack(form.back), 303);
  });

  app.get("/export", async (c) => {
    const format = c.req.query("format") === "jsonl" ? "jsonl" : "csv";
    const filter = stateFilter(readState(c.req.query(), c.get("now")));
    const type = format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson";
    return c.body(exportStream(c.env.DB, filter, format), 200, {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="idmef-alerts.${format}"`,
    });
  });

  app.get("/analyzers", async (c) => {
    const now = c.get("now");
    const p = await listAnalyzersPage(c.env.DB, { limit: 100, after: c.req.query("after") || undefined });
    const sev = await severityCountsByAnalyzer(c.env.DB, p.analyzers.map((a) => a.analyzerid), now - DAY);
    return page(c, "Analyzers", <AnalyzersPage analyzers={p.analyzers} next={p.next} severity={sev} now={now} />, await summary(c.env.DB, readState({}, now), countsContext(c.env, now)));
  });

  app.get("/analyzer", async (c) => {
    const now = c.get("now");
    const a = await getAnalyzer(c.env.DB, c.req.query("analyzerid") ?? "");
    if (!a) throw new Problem(404, "not-found", "no such analyzer");
    const before = Number(c.req.query("before"));
    const h = await heartbeatHistory(c.env.DB, a.analyzerid, { limit: 100, before: Number.isFinite(before) && before > 0 ? before : undefined, marginMs: healthConfig(c.env).marginMs });
    return page(c, a.name ?? a.analyzerid, <AnalyzerPage a={a} heartbeats={h.heartbeats} next={h.next} now={now} />, await summary(c.env.DB, readState({}, now), countsContext(c.env, now)));
  });

  return app;
}
