// Printing: the summary table (metric, value, budget, status) and the per-file bytes table.

export const kB = (bytes) => (bytes == null ? "n/a" : `${(bytes / 1000).toFixed(1)} kB`);
export const MB = (bytes) => (bytes == null ? "n/a" : `${(bytes / 1e6).toFixed(2)} MB`);
export const ms = (x) => (x == null ? "n/a" : `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`);
export const signed = (fmt) => (x) => (x == null ? "n/a" : (x > 0 ? "+" : x < 0 ? "−" : "±") + fmt(Math.abs(x)));

/**
 * A table row. `ok` is true (within budget), false (over), or null (no budget: informative).
 * `na` replaces the value with "n/a: reason".
 */
export function row(metric, value, { budget = "—", ok = null, na = null } = {}) {
  return { metric, value: na ? `n/a: ${na}` : value, budget, status: na ? "n/a" : ok === null ? "·" : ok ? "✓" : "✗" };
}

export const within = (value, max) => (value == null ? null : value <= max);
export const atLeast = (value, min) => (value == null ? null : value >= min);

function table(headers, rows, align = []) {
  const cells = [headers, ...rows.filter((r) => Array.isArray(r))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => String(r[c]).length)));
  const line = (r) => r.map((v, c) => (align[c] === "right" ? String(v).padStart(widths[c]) : String(v).padEnd(widths[c]))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map((r) => (r.section ? `\n${r.section}` : line(r)))].join("\n");
}

/** Rows may include `{ section: "title" }` separators. */
export function printSummary(rows) {
  const body = rows.map((r) => (r.section ? r : [r.metric, r.value, r.budget, r.status]));
  console.log(table(["metric", "value", "budget", "status"], body));
  console.log("\nstatus: ✓ within budget · ✗ over budget · · no budget (information) · n/a not measured");
}

export function printFiles(title, files, total, totalLabel = "total") {
  const rows = files.map((f) => [f.name + (f.note ? ` (${f.note})` : "") + (f.overWire === false ? " (304 / cached)" : ""), kB(f.raw), kB(f.gzip), kB(f.brotli)]);
  rows.push([totalLabel, kB(total.raw), kB(total.gzip), kB(total.brotli)]);
  console.log(table([title, "raw", "gzip -9", "brotli -q 11"], rows, ["left", "right", "right", "right"]));
}
