/**
 * The report as one self-contained HTML document: the data as JSON in a
 * `<script type="application/json">`, d3 and Observable Plot inlined, a Content-Security-Policy
 * that allows no network access at all, and the page script that draws it in the browser.
 */
import type { PageAssets } from './page-assets.js';
import type { ReportData } from './report-data.js';

const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

export function renderReportHtml(data: ReportData, assets: PageAssets): string {
  // `<` escaped so no string in the data can close the script element or open a comment.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const title = `Contrail results: ${data.slug}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${assets.css}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<div class="controls" id="controls"></div>
<div class="counts" id="counts"></div>
</header>
<main id="app"></main>
<script type="application/json" id="report-data">${json}</script>
<script>${inlineScript(assets.d3)}</script>
<script>${inlineScript(assets.plot)}</script>
<script>${inlineScript(assets.charts)}</script>
<script>${inlineScript(assets.page)}</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `</script` inside a script would end it early; `<\/script` means the same inside JS strings. */
function inlineScript(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script');
}
