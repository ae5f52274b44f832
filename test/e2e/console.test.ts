/**
 * The console in a real browser (Debian's Chromium driven by playwright-core) against the real
 * Worker (wrangler dev, local D1, CONSOLE_AUTH=link), fed real corpus alerts (agent replay, times
 * moved into the last hours) and one hostile alert. A missing browser fails the suite. On failure a
 * screenshot goes to test/e2e/artifacts/; UPDATE_DOCS_SCREENSHOTS=1 refreshes docs/console-*.png.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AdminApi } from "../../agent/src/admin/api.ts";
import { importPrivateKeyPem } from "../../schema/signature.ts";
import { AGENT, makeAgentHost, REPO, waitFor, type AgentHost } from "./lib/agent.ts";
import { Operator, startWorker, type LocalWorker } from "./lib/worker.ts";

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const LOG = resolve(REPO, "../shared/corpus/live/L04-raw-auth-ssh.log");
const ARTIFACTS = join(REPO, "test/e2e/artifacts");
const XSS_CLASS = '<img src=x onerror="window.__xss=1">';
const XSS_USER = "</script><script>window.__xss=2</script>";
const XSS_FILE = "javascript:window.__xss=3";
const TERMINAL = "\u001b[31mRED\u001b]0;pwned\u0007 tail";

let root: string;
let worker: LocalWorker;
let operator: Operator;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let healthy: AgentHost;
let silent: AgentHost;
let realAlerts = 0;

async function sendAs(host: AgentHost, messages: unknown[]): Promise<void> {
  const key = await importPrivateKeyPem(readFileSync(join(host.dir, "etc", "agent.key"), "utf8"));
  const api = new AdminApi(worker.url, host.clientId, key);
  for (let i = 0; i < messages.length; i += 500) {
    const res = await api.send("POST", "/v1/messages", messages.slice(i, i + 500));
    if (res.status !== 200) throw new Error(`ingest: ${res.status} ${res.raw}`);
  }
}

const hb = (host: AgentHost, status: string, interval: number, at = Date.now()) => ({
  version: "1.0",
  heartbeat: {
    messageid: `hb-${status}-${at}-${Math.random().toString(36).slice(2)}`,
    analyzer: [{ analyzerid: host.analyzerId, name: host === healthy ? "web-1 agent" : "db-1 agent", model: "idmef-edge agent", node: { name: host === healthy ? "web-1" : "db-1" } }],
    create_time: new Date(at).toISOString(),
    heartbeat_interval: interval,
    additional_data: [
      { meaning: "Analyzer status", type: "string", data: status },
      { meaning: "records", type: "integer", data: 1234 },
      { meaning: "spool depth", type: "integer", data: 0 },
    ],
  },
});

function hostileAlert(host: AgentHost) {
  const t = new Date(Date.now() - 5 * 60_000).toISOString();
  return {
    version: "1.0",
    alert: {
      messageid: "xss-1",
      analyzer: [{ analyzerid: host.analyzerId, name: "web-1 agent", node: { name: "web-1" } }],
      create_time: t,
      detect_time: t,
      classification: { text: XSS_CLASS, reference: [{ origin: "vendor-specific", name: "x", url: "javascript:window.__xss=4" }] },
      assessment: { impact: { severity: "high", completion: "succeeded", type: "other" } },
      target: [
        {
          node: { name: "web-1" },
          user: { user_id: [{ type: "target-user", name: XSS_USER }] },
          process: { name: "sh", path: "/bin/sh", arg: [TERMINAL] },
          file: [{ name: "x", path: XSS_FILE, category: "current" }],
        },
      ],
      additional_data: [{ meaning: "exe", type: "string", data: TERMINAL }],
    },
  };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install chromium (scripts/system-deps.sh)`);
  root = mkdtempSync(join(tmpdir(), "e2e-console-"));
  worker = await startWorker(join(root, "d1"), { CONSOLE_AUTH: "link", HEARTBEAT_MARGIN_SECONDS: "1" });
  operator = await Operator.bootstrap(worker.url, join(root, "d1"));
  healthy = await makeAgentHost(join(root, "web-1"), worker.url);
  silent = await makeAgentHost(join(root, "db-1"), worker.url);
  for (const h of [healthy, silent]) await operator.registerAgent({ clientId: h.clientId, analyzerId: h.analyzerId, publicKey: h.publicKey });
  // Real alerts: what the agent makes of a real audit log, moved into the last 20 hours.
  const { stdout } = await run(process.execPath, [AGENT, "replay", LOG, "--config", healthy.configFile], { maxBuffer: 1 << 30 });
  const alerts = stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { alert: Record<string, unknown> });
  const now = Date.now();
  alerts.forEach((m, i) => {
    const t = new Date(now - 60_000 - Math.floor((i / alerts.length) * 20 * 3_600_000)).toISOString();
    m.alert.create_time = t;
    m.alert.detect_time = t;
  });
  realAlerts = alerts.length;
  await sendAs(healthy, [...alerts, hostileAlert(healthy), hb(healthy, "running", 600)]);
  // db-1 promises a heartbeat every second and then says nothing: missing after the next cron run.
  await sendAs(silent, [hb(silent, "running", 1)]);
  await new Promise((r) => setTimeout(r, 2500));
  await fetch(`${worker.url}/__scheduled`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], headless: true });
  // A zone that is not UTC and not a whole hour off it: the local display must really convert.
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: "Asia/Kolkata" });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  page.on("dialog", (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
}, 180_000);

afterEach(async (t) => {
  if (t.task.result?.state === "fail" && page) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${t.task.name.replace(/\W+/g, "-")}.png`), fullPage: true }).catch(() => {});
  }
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

const docsShot = async (name: string) => {
  if (process.env.UPDATE_DOCS_SCREENSHOTS === "1") await page.screenshot({ path: join(REPO, "docs", `console-${name}.png`), fullPage: false });
};
const rowCount = () => page.locator('[data-testid="alerts"] tbody tr').count();
const xssRan = () => page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss);

describe("console in Chromium", () => {
  it("shows nothing without signing in", async () => {
    const res = await page.goto(`${worker.url}/console`);
    expect(res!.status()).toBe(401);
    expect(await page.locator('[data-testid="signin"]').textContent()).toContain("idmef-admin console");
    expect(await page.locator('[data-testid="alerts"]').count()).toBe(0);
    const exp = await page.request.get(`${worker.url}/console/export?format=jsonl`);
    expect(exp.status()).toBe(401);
  });

  it("signs in with the one-time link from idmef-admin console", async () => {
    const { stdout } = await run(process.execPath, [join(REPO, "agent/bin/idmef-admin.ts"), "--server", worker.url, "--key", join(root, "admin", "admin.key"), "console"]);
    const url = stdout.split("\n")[0];
    expect(url).toMatch(/\/console\/login\?token=/);
    await page.goto(url);
    await page.click('[data-testid="login"]');
    await page.waitForURL(/\/console$/);
    expect(await page.locator('[data-testid="who"]').textContent()).toBe(`link:${operator.clientId}`);
    expect(await rowCount()).toBe(50); // first keyset page
    // The link is spent.
    await page.goto(url);
    await page.click('[data-testid="login"]');
    expect(await page.locator('[data-testid="signin"]').textContent()).toContain("used or expired");
    await page.goto(`${worker.url}/console`);
    await docsShot("alerts");
  });

  it("keeps range and filters in the URL; a deep link opens the same view", async () => {
    await page.goto(`${worker.url}/console`);
    await page.click('[data-testid="ranges"] >> text=1h');
    await page.waitForURL(/range=1h/);
    await page.fill('input[name="severity"]', "high");
    await page.click("#filters button[type=submit]");
    await page.waitForURL(/severity=high/);
    const url = page.url();
    const deep = await context.newPage();
    await deep.goto(url);
    expect(await deep.locator('input[name="severity"]').inputValue()).toBe("high");
    const sev = await deep.locator('[data-testid="alerts"] tbody tr .sev').allTextContents();
    expect(sev.length).toBeGreaterThan(0);
    expect(new Set(sev)).toEqual(new Set(["high"]));
    await deep.close();
  });

  it("groups by classification and drills down to the group's alerts", async () => {
    await page.goto(`${worker.url}/console?range=24h&triage=&group=classification`);
    const first = page.locator('[data-testid="groups"] tbody tr').first();
    const [name, count] = await first.locator("td").allTextContents();
    await first.locator("a").click();
    await page.waitForURL((u) => u.searchParams.get("classification") === name && !u.searchParams.has("group"));
    expect(await page.locator("section .muted").first().textContent()).toBe(`${count} alerts match (any triage status)`);
    const classes = await page.locator('[data-testid="alerts"] tbody tr td:nth-child(4)').allTextContents();
    expect(new Set(classes)).toEqual(new Set([name]));
  });

  it("opens a detail and pivots to the same classification", async () => {
    await page.goto(`${worker.url}/console?range=24h`);
    await page.locator('[data-testid="alerts"] tbody tr td:nth-child(3) a').nth(1).click();
    await page.waitForURL(/\/console\/alert\?/);
    const cls = (await page.locator('[data-testid="classification"]').textContent())!;
    expect(await page.locator('[data-testid="raw-json"]').textContent()).toContain('"version": "1.0"');
    await page.locator('[data-testid="additional-data"]').waitFor();
    await docsShot("detail");
    await page.click('[data-testid="pivots"] >> text=same classification');
    await page.waitForURL((u) => u.searchParams.get("classification") === cls);
    expect(await rowCount()).toBeGreaterThan(0);
  });

  it("acknowledges one alert and closes two in bulk, showing who", async () => {
    await page.goto(`${worker.url}/console?range=24h`);
    await page.locator('[data-testid="alerts"] tbody tr td:nth-child(3) a').first().click();
    await page.waitForURL(/\/console\/alert\?/);
    await page.click('button[value="acknowledged"]');
    await page.waitForURL(/\/console\/alert\?/);
    expect(await page.locator('[data-testid="triage-history"] tbody tr').first().textContent()).toContain(`link:${operator.clientId}acknowledged`);

    await page.goto(`${worker.url}/console?range=24h&triage=`);
    const boxes = page.locator('[data-testid="alerts"] tbody input[name="key"]');
    await boxes.nth(1).check();
    await boxes.nth(2).check();
    await page.selectOption('#bulk select[name="reason"]', "benign");
    await page.click('#bulk button[value="closed"]');
    await page.waitForURL(/triage=/);
    const statuses = await page.locator('[data-testid="triage-status"]').allTextContents();
    expect(statuses.slice(0, 3)).toEqual([`acknowledged by link:${operator.clientId}`, `closed (benign) by link:${operator.clientId}`, `closed (benign) by link:${operator.clientId}`]);
    // The default view hides acknowledged and closed alerts.
    await page.goto(`${worker.url}/console?range=24h`);
    const open = await page.locator('[data-testid="triage-status"]').allTextContents();
    expect(new Set(open)).toEqual(new Set(["open"]));
  });

  it("exports the current filter as CSV and as IDMEF JSON lines", async () => {
    const csv = await (await page.request.get(`${worker.url}/console/export?range=24h&triage=&format=csv`)).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("detect_time,severity,classification,analyzerid,messageid,completion,source_node,target_node,target_user,target_process,target_file");
    // Every stored alert of the range: the replayed ones, the hostile one, and the health monitor's own.
    const all = await operator.call("GET", `/v1/alerts?limit=1000&since=${Date.now() - 86_400_000}`);
    const stored = (all.json as { alerts: unknown[] }).alerts.length;
    expect(stored).toBeGreaterThanOrEqual(realAlerts + 1);
    expect(lines.length).toBe(stored + 1);
    const jsonl = await (await page.request.get(`${worker.url}/console/export?range=24h&triage=&format=jsonl&severity=high`)).text();
    const msgs = jsonl.trim().split("\n").map((l) => JSON.parse(l) as { alert: { assessment: { impact: { severity: string } } } });
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs.every((m) => m.alert.assessment.impact.severity === "high")).toBe(true);
  });

  it("lists analyzers with one missing, and one analyzer's heartbeat history", async () => {
    await waitFor("db-1 missing", async () => {
      await fetch(`${worker.url}/__scheduled`);
      await page.goto(`${worker.url}/console/analyzers`);
      return (await page.locator(`tr[data-analyzer="${silent.analyzerId}"] [data-testid="health"]`).textContent()) === "missing";
    }, 30_000, 1000);
    expect(await page.locator(`tr[data-analyzer="${healthy.analyzerId}"] [data-testid="health"]`).textContent()).toBe("online");
    expect(await page.locator('[data-testid="summary"]').textContent()).toContain("1 up, 1 down");
    await docsShot("analyzers");
    await page.click(`tr[data-analyzer="${healthy.analyzerId}"] a >> nth=0`);
    await page.waitForURL(/\/console\/analyzer\?/);
    await page.locator('[data-testid="heartbeats"]').waitFor();
    expect(await page.locator('[data-testid="heartbeats"] tbody tr').count()).toBe(1);
  });

  it("renders the hostile alert as text: nothing runs, no javascript: link", async () => {
    await page.goto(`${worker.url}/console?range=24h&severity=high&triage=`);
    const cell = page.locator('[data-testid="alerts"] tbody tr', { hasText: "<img src=x" });
    expect(await cell.locator("td:nth-child(4)").textContent()).toBe(XSS_CLASS);
    expect(await page.locator("img").count()).toBe(0);
    await cell.locator("td:nth-child(3) a").click();
    await page.waitForURL(/\/console\/alert\?/);
    expect(await page.locator('[data-testid="classification"]').textContent()).toBe(XSS_CLASS);
    const target = (await page.locator('[data-testid="target-0"]').textContent())!;
    expect(target).toContain(XSS_USER);
    expect(target).toContain(XSS_FILE);
    expect(target).toContain(TERMINAL);
    expect(await page.locator('[data-testid="raw-json"]').textContent()).toContain("\\u001b[31mRED");
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator("img, iframe, object, embed").count()).toBe(0);
    // The only script on the page is ours.
    expect(await page.locator("script").count()).toBe(1);
    expect(await xssRan()).toBeUndefined();
  });

  it("shows times in UTC or in the browser's zone, kept in the URL", async () => {
    await page.goto(`${worker.url}/console?range=24h&triage=`);
    const cell = page.locator('[data-testid="alerts"] tbody tr time').first();
    const iso = (await cell.getAttribute("datetime"))!;
    expect(await cell.textContent()).toBe(iso.replace("T", " ").replace("Z", ""));
    await page.click('[data-testid="tz"] >> text=local');
    await page.waitForURL((u) => u.searchParams.get("tz") === "local" && u.searchParams.get("triage") === "");
    // Asia/Kolkata is UTC+05:30 all year.
    const local = new Date(Date.parse(iso) + 330 * 60_000).toISOString().replace("T", " ").replace("Z", "");
    await waitFor("local times", async () => (await cell.textContent()) === local, 5000, 100);
    expect(await page.locator("#tz-label").textContent()).toBe("local, UTC+05:30");
    // The custom range is typed in local time and travels as UTC.
    const from = page.locator('input[name="from"]');
    expect(await from.inputValue()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    await from.fill("2026-01-02 05:30:00.000");
    await page.click("#filters button[type=submit]");
    await page.waitForURL((u) => u.searchParams.get("from") === "2026-01-02T00:00:00.000Z" && u.searchParams.get("tz") === "local");
    // Links keep the zone: the detail page shows its times in local time too.
    await page.goto(`${worker.url}/console?range=24h&triage=&tz=local`);
    await page.locator('[data-testid="alerts"] tbody tr td:nth-child(3) a').first().click();
    await page.waitForURL((u) => u.pathname === "/console/alert" && u.searchParams.get("tz") === "local");
    const detect = page.locator("dd time").first();
    const dIso = (await detect.getAttribute("datetime"))!;
    await waitFor("local detail", async () => (await detect.textContent()) === new Date(Date.parse(dIso) + 330 * 60_000).toISOString().replace("T", " ").replace("Z", ""), 5000, 100);
    await page.click('[data-testid="tz"] >> text=UTC');
    await page.waitForURL((u) => u.pathname === "/console/alert" && !u.searchParams.has("tz"));
    expect(await page.locator("dd time").first().textContent()).toBe(dIso.replace("T", " ").replace("Z", ""));
  });

  it("auto-refreshes and marks the rows new since the last refresh", async () => {
    const view = `${worker.url}/console?range=24h&triage=&refresh_ms=1000`;
    await page.goto(view);
    expect(await page.locator("tr.new").count()).toBe(0);
    const t = new Date().toISOString();
    const fresh = structuredClone(hostileAlert(healthy));
    Object.assign(fresh.alert, { messageid: `fresh-${Date.now()}`, create_time: t, detect_time: t, classification: { text: "Fresh since the last refresh" } });
    await sendAs(healthy, [fresh]);
    // Choosing an interval arms the reload (refresh_ms stands in for the 30 s in tests).
    await page.selectOption('[data-testid="refresh"]', "30");
    await page.waitForSelector("tr.new", { timeout: 5000 });
    const marked = await page.locator("tr.new td:nth-child(4)").allTextContents();
    expect(marked).toEqual(["Fresh since the last refresh"]);
    // The next refresh has nothing newer: no row stays marked.
    // (Counted between reloads: a probe that meets a navigation just tries again.)
    const settled = async () => (await page.locator("tr.new").count()) === 0 && (await page.locator('[data-testid="alerts"] tbody tr').count()) > 0;
    await waitFor("marks cleared", () => settled().catch(() => false), 5000, 100);
    // Back to off, on a page whose reload is far away.
    await page.goto(`${worker.url}/console?range=24h&refresh_ms=600000`);
    await page.selectOption('[data-testid="refresh"]', "0");
  });

  it("copies the raw JSON of an alert", async () => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: worker.url });
    await page.goto(`${worker.url}/console?range=24h&triage=`);
    await page.locator('[data-testid="alerts"] tbody tr td:nth-child(3) a').first().click();
    await page.waitForURL(/\/console\/alert\?/);
    await page.click("#copy-raw");
    await waitFor("copied", async () => (await page.locator("#copy-raw").textContent()) === "Copied", 5000, 100);
    const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    expect(copied).toBe(await page.locator('[data-testid="raw-json"]').textContent());
    expect(JSON.parse(copied).alert.messageid).toBeTruthy();
  });

  it("idmef-admin shows the histogram and an analyzer's heartbeat history", async () => {
    const admin = (...args: string[]) =>
      run(process.execPath, [join(REPO, "agent/bin/idmef-admin.ts"), "--server", worker.url, "--key", join(root, "admin", "admin.key"), ...args]);
    const until = Date.now() + 1;
    const since = until - 86_400_000;
    const hist = await admin("--json", "histogram", "--since", String(since), "--until", String(until), "--bucket", "3600000");
    const h = JSON.parse(hist.stdout) as { bucket_ms: number; buckets: Array<Record<string, number>> };
    expect(h.bucket_ms).toBe(3_600_000);
    const total = h.buckets.reduce((n, b) => n + b.info + b.low + b.medium + b.high + b.unknown, 0);
    const counted = await operator.call("GET", `/v1/alerts/counts?field=severity&since=${since}&until=${until}`);
    expect(total).toBe((counted.json as { total: number }).total);
    const text = await admin("histogram", "--since", String(since), "--until", String(until));
    expect(text.stdout.split("\n")[0]).toMatch(/^BUCKET START\s+HIGH\s+MEDIUM\s+LOW\s+INFO\s+UNKNOWN\s+TOTAL$/);
    const hb = await admin("heartbeats", healthy.analyzerId);
    const lines = hb.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^CREATED\s+STATUS\s+INTERVAL\s+EVENTS$/);
    expect(lines.length).toBe(2);
    expect(lines[1]).toMatch(/running\s+600 s/);
  });

  it("signs out: the session no longer shows data", async () => {
    await page.goto(`${worker.url}/console`);
    await page.click("text=Sign out");
    await page.waitForURL(/\/console\/login/);
    const res = await page.goto(`${worker.url}/console`);
    expect(res!.status()).toBe(401);
    expect(await page.locator('[data-testid="alerts"]').count()).toBe(0);
  });
});
