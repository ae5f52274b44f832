/**
 * The console's only script (served as /console/app.js under the CSP nonce; no inline handlers):
 * auto-refresh that pauses while the tab is hidden and marks rows new since the last refresh,
 * select-all for bulk triage, copy of the raw JSON. It never inserts markup: text only.
 */
export const APP_JS = `"use strict";
(() => {
  const KEY = "idmef-console-refresh";
  const SEEN = "idmef-console-newest";
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
      if (s > 0 && document.visibilityState === "visible") timer = setTimeout(() => location.reload(), s * 1000);
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
