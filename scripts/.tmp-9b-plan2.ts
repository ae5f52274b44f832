import { DatabaseSync } from "node:sqlite";
import { readdirSync, readFileSync } from "node:fs";
const db = new DatabaseSync(":memory:");
for (const f of readdirSync("schema/migrations").sort()) db.exec(readFileSync("schema/migrations/" + f, "utf8"));
db.exec(`DROP INDEX alerts_by_analyzer_time; DROP INDEX alerts_by_class_time; DROP INDEX alerts_by_severity_time;
CREATE INDEX alerts_by_analyzer_time ON alerts (analyzerid, detect_time, messageid);
CREATE INDEX alerts_by_class_time ON alerts (classification, detect_time, analyzerid, messageid);
CREATE INDEX alerts_by_severity_time ON alerts (severity, detect_time, analyzerid, messageid);
CREATE INDEX alerts_by_completion_time ON alerts (completion, detect_time, analyzerid, messageid);`);
const ob = "ORDER BY detect_time DESC, analyzerid DESC, messageid DESC";
const arm = (s: string) => `SELECT rowid AS rid, detect_time, analyzerid, messageid, octet_length(message) AS bytes FROM alerts INDEXED BY alerts_by_severity_time WHERE severity = '${s}'`;
const plans: Record<string,string> = {
 winunion: `WITH keys AS (${arm("high")} UNION ALL ${arm("low")} ${ob} LIMIT 11),
 page AS (SELECT rid, bytes, sum(bytes) OVER (${ob} ROWS UNBOUNDED PRECEDING) AS running FROM keys)
 SELECT page.running, a.analyzerid, CASE WHEN page.running < 100 THEN a.message END FROM page JOIN alerts a ON a.rowid = page.rid`,
 winunion2: `WITH keys AS (${arm("high")} UNION ALL ${arm("low")} ${ob} LIMIT 11)
 SELECT sum(bytes) OVER (ROWS UNBOUNDED PRECEDING) AS running, a.analyzerid, CASE WHEN 1 THEN a.message END FROM keys JOIN alerts a ON a.rowid = keys.rid`,
 win1: `WITH keys AS (SELECT rowid AS rid, detect_time, analyzerid, messageid, octet_length(message) AS bytes FROM alerts INDEXED BY alerts_by_time ${ob} LIMIT 11)
 SELECT sum(bytes) OVER (ROWS UNBOUNDED PRECEDING) AS running, a.analyzerid, a.message FROM keys JOIN alerts a ON a.rowid = keys.rid`,
};
for (const [k, sql] of Object.entries(plans)) {
  console.log("==", k);
  for (const r of db.prepare("EXPLAIN QUERY PLAN " + sql).all()) console.log("  ", r.id, r.parent, r.detail);
}
