/** The report's stylesheet: inline (the page loads nothing), readable on screen and on paper. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6474; --rule: #d9dde5; --bg: #ffffff; --panel: #f6f7f9;
  --critical: #c1121f; --warning: #b35900; --info: #2a6fdb; --ok: #2b8a3e; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 64px; }
header h1 { font-size: 24px; margin: 0 0 4px; overflow-wrap: anywhere; }
header .generated { color: var(--muted); margin: 0 0 12px; font-size: 13px; }
nav { font-size: 13px; border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); padding: 6px 0; margin-bottom: 20px; }
nav a { margin-right: 14px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 15px; margin: 16px 0 6px; overflow-wrap: anywhere; }
a { color: #1f5fbf; }
a.n { text-decoration: none; border-bottom: 1px dotted #1f5fbf; font-variant-numeric: tabular-nums; }
a.n:hover { background: #eef4ff; }
code, pre, .hash { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.hash { overflow-wrap: anywhere; color: var(--muted); }
.verdict { border-left: 6px solid var(--muted); background: var(--panel); padding: 10px 16px; border-radius: 4px; }
.verdict h2 { border: 0; margin: 4px 0; font-size: 22px; }
.verdict .summary { font-size: 16px; margin: 4px 0 6px; }
.verdict-leak { border-left-color: var(--critical); }
.verdict-no-leak { border-left-color: var(--ok); }
.verdict-inconclusive { border-left-color: var(--warning); }
.finding { border: 1px solid var(--rule); border-left: 5px solid var(--info); border-radius: 4px; padding: 6px 14px 10px; margin: 12px 0; }
.finding.sev-critical { border-left-color: var(--critical); }
.finding.sev-warning { border-left-color: var(--warning); }
.finding h3 { margin-top: 6px; }
.finding-title { margin: 4px 0 8px; font-size: 15.5px; }
.badge { display: inline-block; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; padding: 1px 6px; border-radius: 3px; color: #fff; background: var(--info); vertical-align: 1px; }
.sev-critical .badge { background: var(--critical); }
.sev-warning .badge { background: var(--warning); }
table { border-collapse: collapse; margin: 6px 0; }
th, td { text-align: left; vertical-align: top; padding: 3px 10px 3px 0; }
.finding-metrics { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 4px 0 8px; padding: 0; list-style: none; }
.finding-metrics li { white-space: nowrap; }
.finding-metrics .k { color: var(--muted); font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; margin-right: 6px; }
table.metrics { width: 100%; }
table.metrics th { width: 190px; font-weight: 600; }
table.metrics tr, table.diff-rows tr, table.artifacts tr, table.meta tr { border-bottom: 1px solid #eceef2; }
table.diff-rows { width: 100%; font-size: 13.5px; }
table.diff-rows td.key { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.artifacts { width: 100%; font-size: 13px; table-layout: fixed; }
table.artifacts td { overflow-wrap: anywhere; }
table.artifacts th:nth-child(1) { width: 52px; } table.artifacts th:nth-child(3) { width: 92px; }
table.artifacts th:nth-child(5) { width: 84px; } table.artifacts th:nth-child(7) { width: 120px; }
table.meta th { width: 190px; font-weight: 600; }
table.meta td { overflow-wrap: anywhere; }
.where { color: var(--muted); font-size: 13px; }
.chart { width: 100%; height: auto; display: block; margin: 6px 0 18px; background: #fff; }
.chart .grid { stroke: #e6e8ee; stroke-width: 1; }
.chart .axis, .chart .tickmark { stroke: #8a93a3; stroke-width: 1; }
.chart text { font: 12px -apple-system, "Segoe UI", Roboto, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; fill: #3d4554; }
.chart .axis-label { font-size: 12.5px; fill: var(--muted); }
.chart .band-label { font-weight: 700; font-size: 10px; fill: #fff; }
.chart-note { color: var(--muted); font-size: 13px; margin: -8px 0 12px; }
.evidence { border-top: 1px dashed var(--rule); padding-top: 4px; }
.evidence:target, .finding:target { background: #fffbe6; }
pre.excerpt { background: var(--panel); border: 1px solid var(--rule); border-radius: 4px; padding: 8px 10px; overflow-x: auto; white-space: pre; margin: 4px 0 12px; }
pre.excerpt .ln { display: inline-block; min-width: 5ch; color: #8a93a3; text-align: right; margin-right: 12px; user-select: none; }
pre.excerpt .cited { background: #fff1b8; display: inline-block; min-width: 100%; }
pre.excerpt .gap { color: #8a93a3; }
.excerpt-note { margin: 6px 0 2px; color: var(--muted); font-size: 13px; }
details.data pre { max-height: 480px; overflow: auto; background: var(--panel); padding: 8px; border: 1px solid var(--rule); }
ul.notes li, ul.evidence-list li { margin: 2px 0; overflow-wrap: anywhere; }
@media print {
  nav, details.data { display: none; }
  main { max-width: none; padding: 0; }
  .finding, .evidence, .chart { break-inside: avoid; }
  a.n { border: 0; color: inherit; }
}
`;
