/**
 * The console's only script (served as /console/app.js under the CSP nonce; no inline handlers):
 * auto-refresh that pauses while the tab is hidden and marks rows new since the last refresh,
 * select-all for bulk triage, copy of the raw JSON, times in the browser's zone when the URL says
 * tz=local. It never inserts markup: text only. `refresh_ms` in the URL replaces every refresh
 * interval by that many milliseconds: for tests, which cannot wait 30 s.
 */
export const APP_JS = `"use strict";
(() => {
  const KEY = "idmef-console-refresh";
  const SEEN = "idmef-console-newest";
  const params = new URLSearchParams(location.search);
  const pad = (n, w) => String(n).padStart(w || 2, "0");
  const localText = (d) => d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " +
    pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) + "." + pad(d.getMilliseconds(), 3);
  if (params.get("tz") === "local") {
    const off = -new Date().getTimezoneOffset();
    const label = document.getElementById("tz-label");
    if (label) label.textContent = "local, UTC" + (off < 0 ? "-" : "+") + pad(Math.floor(Math.abs(off) / 60)) + ":" + pad(Math.abs(off) % 60);
    for (const t of document.querySelectorAll("time[datetime]")) t.textContent = localText(new Date(t.getAttribute("datetime")));
    const inputs = [...document.querySelectorAll("input[data-time-input]")];
    for (const i of inputs) { const d = new Date(i.value); if (!isNaN(d)) i.value = localText(d); }
    const form = inputs.length ? inputs[0].form : null;
    // Typed in local time, sent as UTC (the URL keeps absolute instants).
    if (form) form.addEventListener("submit", () => {
      for (const i of inputs) { const d = new Date(i.value.trim().replace(" ", "T")); if (!isNaN(d)) i.value = d.toISOString(); }
    });
  }
  const testMs = Number(params.get("refresh_ms") || "0");
  const sel = document.getElementById("refresh");
  const rows = [...document.querySelectorAll("tr[data-time]")];
  const seen = Number(sessionStorage.getItem(SEEN + location.search) || "0");
  if (seen) for (const r of rows) if (Number(r.dataset.time) > seen) r.classList.add("new");
  const newest = Math.max(seen, ...rows.map((r) => Number(r.dataset.time)));
  if (rows.length) sessionStorage.setItem(SEEN + location.search, String(newest));
  if (sel) {
    sel.value = localStorage.getItem(KEY) || "0";
    let timer = null;
    const arm = () => {
      clearTimeout(timer);
      const s = Number(sel.value);
      if (s > 0 && document.visibilityState === "visible") timer = setTimeout(() => location.reload(), testMs > 0 ? testMs : s * 1000);
    };
    sel.addEventListener("change", () => { localStorage.setItem(KEY, sel.value); arm(); });
    document.addEventListener("visibilitychange", arm);
    arm();
  }
  const all = document.getElementById("select-all");
  if (all) all.addEventListener("change", () => {
    for (const b of document.querySelectorAll('input[name="key"]')) b.checked = all.checked;
  });
  const copy = document.getElementById("copy-raw");
  if (copy) copy.addEventListener("click", async () => {
    const pre = document.getElementById(copy.dataset.target);
    try { await navigator.clipboard.writeText(pre.textContent); copy.textContent = "Copied"; }
    catch { copy.textContent = "Copy failed: select the text"; }
  });
})();
`;
