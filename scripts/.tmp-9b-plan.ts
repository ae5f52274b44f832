import { DatabaseSync } from "node:sqlite";
import { readdirSync, readFileSync } from "node:fs";
const db = new DatabaseSync(":memory:");
console.log(db.prepare("select sqlite_version() v").get());
for (const f of readdirSync("schema/migrations").sort()) db.exec(readFileSync("schema/migrations/" + f, "utf8"));
db.exec(`DROP INDEX alerts_by_analyzer_time; DROP INDEX alerts_by_class_time; DROP INDEX alerts_by_severity_time;
CREATE INDEX alerts_by_analyzer_time ON alerts (analyzerid, detect_time, messageid);
CREATE INDEX alerts_by_class_time ON alerts (classification, detect_time, analyzerid, messageid);
CREATE INDEX alerts_by_severity_time ON alerts (severity, detect_time, analyzerid, messageid);
CREATE INDEX alerts_by_completion_time ON alerts (completion, detect_time, analyzerid, messageid);`);
const ob = "ORDER BY detect_time DESC, analyzerid DESC, messageid DESC";
const plans: Record<string,string> = {
 def: `SELECT * FROM alerts ${ob} LIMIT 10`,
 cur: `SELECT * FROM alerts WHERE (detect_time, analyzerid, messageid) < (1,'a','b') ${ob} LIMIT 10`,
 an: `SELECT * FROM alerts WHERE analyzerid = 'x' AND (detect_time, analyzerid, messageid) < (1,'a','b') ${ob} LIMIT 10`,
 sev: `SELECT * FROM alerts WHERE severity = 'x' AND detect_time >= 5 AND detect_time < 9 AND (detect_time, analyzerid, messageid) < (1,'a','b') ${ob} LIMIT 10`,
 sevIdx: `SELECT * FROM alerts INDEXED BY alerts_by_severity_time WHERE severity = 'x' AND classification = 'y' AND (detect_time, analyzerid, messageid) < (1,'a','b') ${ob} LIMIT 10`,
 both: `SELECT * FROM alerts WHERE severity = 'x' AND classification = 'y' AND analyzerid = 'z' ${ob} LIMIT 10`,
 union: `SELECT * FROM (SELECT * FROM alerts WHERE severity = 'high' ${ob} LIMIT 10) UNION ALL SELECT * FROM (SELECT * FROM alerts WHERE severity = 'low' ${ob} LIMIT 10) ${ob} LIMIT 10`,
 union2: `SELECT * FROM alerts INDEXED BY alerts_by_severity_time WHERE severity = 'high' UNION ALL SELECT * FROM alerts INDEXED BY alerts_by_severity_time WHERE severity = 'low' ${ob} LIMIT 10`,
 win: `WITH page AS (SELECT rowid AS rid, detect_time, analyzerid, messageid, sum(octet_length(message)) OVER (${ob} ROWS UNBOUNDED PRECEDING) AS running FROM alerts INDEXED BY alerts_by_severity_time WHERE severity='x' ${ob} LIMIT 11) SELECT page.running, a.analyzerid, CASE WHEN page.running < 100 THEN a.message END FROM page JOIN alerts a ON a.rowid = page.rid`,
};
for (const [k, sql] of Object.entries(plans)) {
  console.log("==", k);
  for (const r of db.prepare("EXPLAIN QUERY PLAN " + sql).all()) console.log("  ", r.id, r.parent, r.detail);
}
