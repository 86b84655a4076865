// Contrail results report: state, controls, summary table, SRM, errors and metric sections. Reads
// the ReportData JSON (src/report/report-data.ts) from #report-data; charts come from report-charts.js.
/* global d3, ContrailCharts */
'use strict';

(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  // The overall analysis is the final one: show it first when the run has it.
  const first = data.windows.find((w) => w.period === 'overall') || data.windows[data.windows.length - 1];
  const state = {
    window: `${first.period}|${first.window}`,
    segment: data.segments[0],
    basis: data.bases[0],
    reference: data.defaultReference,
    sort: { column: null, descending: false },
  };
  // No red or green: those mean clearly worse / better.
  const PALETTE = ['#4269d0', '#efb118', '#a463f2', '#9c6b4e', '#6cc5b0', '#ff8ab7', '#97bbf5', '#9498a0'];
  const branchColor = { domain: data.branches, range: PALETTE, legend: false };
  const pct = d3.format('+.2%');
  const rate = d3.format('.2%');
  const num = d3.format(',.4~g');
  const count = d3.format(',');
  const expectedCount = d3.format(',.1~f');
  const fmt = (f, v) => (v === null || v === undefined ? '–' : f(v));
  const RATE_STATISTICS = new Set(['binomial']);

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) {
      if (v !== undefined && v !== null) node.setAttribute(k, String(v));
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    return node;
  }

  function select(name, label, options, value) {
    const input = el('select', { name, 'data-control': name });
    for (const [optionValue, text] of options) {
      const option = el('option', { value: optionValue }, text);
      if (optionValue === value) option.selected = true;
      input.append(option);
    }
    input.addEventListener('change', () => {
      state[name] = input.value;
      render();
    });
    return el('label', {}, label, input);
  }

  function currentView() {
    return data.views[`${state.window}|${state.segment}|${state.basis}`];
  }

  function renderControls() {
    const controls = document.getElementById('controls');
    controls.replaceChildren(
      select('window', 'Period / window', data.windows.map((w) => [`${w.period}|${w.window}`, `${w.period} ${w.window}`]), state.window),
      select('segment', 'Segment', data.segments.map((s) => [s, s]), state.segment),
      select('basis', 'Analysis basis', data.bases.map((b) => [b, b]), state.basis),
      select('reference', 'Reference branch', data.branches.map((b) => [b, b]), state.reference),
    );
  }

  function renderSrm(view) {
    const [period, window] = state.window.split('|');
    const here = data.srm.find((c) => c.period === period && String(c.window) === window && c.segment === state.segment && c.analysis_basis === state.basis);
    const flagged = data.srm.filter((c) => c.mismatch);
    const box = el('section', { class: 'card', id: 'srm' }, el('h2', {}, 'Sample ratio mismatch'));
    if (here) {
      const counts = here.branches.map((b) => `${b.branch} ${count(b.observed)} (expected ${expectedCount(b.expected)})`).join(', ');
      const text = `χ² = ${d3.format('.3~f')(here.chi_square)}, df ${here.df}, p = ${d3.format('.3~g')(here.p_value)}: ${counts}`;
      box.append(el('div', { class: here.mismatch ? 'srm-alert' : 'srm-ok', 'data-mismatch': here.mismatch, 'data-p-value': here.p_value }, here.mismatch ? `Mismatch (p < ${data.srmThreshold}) in this view. ` : 'No mismatch in this view. ', text));
    } else {
      box.append(el('p', { class: 'empty' }, 'No client counts in this view.'));
    }
    if (flagged.length > 0) {
      box.append(el('p', { class: 'muted' }, `Flagged anywhere in the run (${flagged.length}): `, flagged.map((c) => `${c.period} ${c.window} / ${c.segment} / ${c.analysis_basis} (p = ${d3.format('.2~g')(c.p_value)})`).join('; ')));
    }
    if (view) document.getElementById('counts').textContent = `Clients: ${Object.entries(view.counts).map(([b, n]) => `${b} ${count(n)}`).join(' · ')}`;
    return box;
  }

  function intervalText(cell, f) {
    return `${fmt(f, cell.point)} [${fmt(f, cell.lower)}, ${fmt(f, cell.upper)}]`;
  }

  function renderSummary(view) {
    const others = data.branches.filter((b) => b !== state.reference);
    const rows = (view.summary[state.reference] || []).slice();
    const { column, descending } = state.sort;
    if (column !== null) {
      const key = (row) => (column === 'metric' ? row.friendlyName : column === 'statistic' ? row.statistic : row.cells.find((c) => c.branch === column)?.point ?? -Infinity);
      rows.sort((a, b) => d3.ascending(key(a), key(b)) * (descending ? -1 : 1));
    }
    const header = (id, text) => {
      const th = el('th', { class: 'sortable', 'data-sort': id, 'aria-sort': column === id ? (descending ? 'descending' : 'ascending') : null }, text);
      th.addEventListener('click', () => {
        state.sort = { column: id, descending: state.sort.column === id ? !state.sort.descending : false };
        render();
      });
      return th;
    };
    const table = el(
      'table',
      { id: 'summary-table' },
      el('thead', {}, el('tr', {}, header('metric', 'Metric'), header('statistic', 'Statistic'), others.map((b) => header(b, `${b} vs ${state.reference}`)))),
      el(
        'tbody',
        {},
        rows.map((row) =>
          el(
            'tr',
            { 'data-metric': row.metric, 'data-statistic': row.statistic },
            el('td', {}, el('a', { href: `#metric-${row.metric}` }, row.friendlyName)),
            el('td', {}, row.statistic),
            others.map((b) => {
              const cell = row.cells.find((c) => c.branch === b);
              if (!cell) return el('td', { class: 'num empty' }, '–');
              return el('td', { class: `num ${cell.verdict}`, 'data-branch': b, 'data-point': cell.point, 'data-lower': cell.lower, 'data-upper': cell.upper, 'data-verdict': cell.verdict }, intervalText(cell, pct));
            }),
          ),
        ),
      ),
    );
    const legend = el('p', { class: 'legend' }, Object.entries(ContrailCharts.VERDICT_COLORS).map(([k, c]) => el('span', {}, el('i', { style: `background:${c}` }), k === 'better' ? 'clearly better' : k === 'worse' ? 'clearly worse' : 'inconclusive')));
    return el('section', { class: 'card', id: 'summary' }, el('h2', {}, `Relative uplift against ${state.reference}`), el('p', { class: 'muted' }, 'Point estimate [interval]; clearly better or worse when the interval excludes 0. Click a header to sort.'), legend, rows.length > 0 ? table : el('p', { class: 'empty' }, 'No comparisons in this view.'));
  }

  function renderProblems() {
    const box = el('section', { class: 'card', id: 'problems' }, el('h2', {}, `Errors and warnings (${data.problems.length})`));
    if (data.problems.length === 0) return box.append(el('p', { class: 'empty' }, 'None.')), box;
    const cols = ['level', 'period', 'metric', 'statistic', 'segment', 'basis', 'exceptionType', 'message'];
    box.append(el('table', {}, el('thead', {}, el('tr', {}, cols.map((c) => el('th', {}, c === 'exceptionType' ? 'exception' : c)))), el('tbody', {}, data.problems.map((p) => el('tr', { class: 'problem' }, cols.map((c) => el('td', c === 'level' ? { class: `level-${p.level}` } : {}, p[c] ?? '–')))))));
    return box;
  }

  function chart(title, svg, attributes) {
    return el('div', { class: 'chart', ...attributes }, el('h4', {}, title), svg);
  }

  function renderMetric(metricView) {
    const info = data.metrics[metricView.metric];
    const others = data.branches.filter((b) => b !== state.reference);
    const charts = el('div', { class: 'charts' });
    for (const s of metricView.statistics) {
      const tag = { 'data-metric': metricView.metric, 'data-statistic': s.statistic };
      const isRate = RATE_STATISTICS.has(s.statistic);
      if (s.kind === 'point') {
        const rel = s.relative[state.reference];
        const diff = s.difference[state.reference];
        if (rel) charts.append(chart(`${s.statistic}: relative uplift vs ${state.reference}`, ContrailCharts.forest(rel, { branches: others, scale: 100, label: 'relative uplift (%)', chart: 'relative' }), tag));
        if (diff) charts.append(chart(`${s.statistic}: difference vs ${state.reference}`, ContrailCharts.forest(diff, { branches: others, scale: isRate ? 100 : 1, label: isRate ? 'difference (percentage points)' : 'difference', chart: 'difference' }), tag));
        if (s.absolute.length > 0) charts.append(chart(isRate ? `${s.statistic}: rate per branch` : `${s.statistic} per branch`, ContrailCharts.absolute(s.absolute, { branches: data.branches, color: branchColor, scale: isRate ? 100 : 1, label: isRate ? 'rate (%)' : s.statistic }), tag));
      } else if (s.kind === 'deciles') {
        const rel = s.relative[state.reference];
        if (rel) charts.append(chart(`deciles: relative uplift vs ${state.reference}`, ContrailCharts.deciles(rel, { color: branchColor, label: 'relative uplift (%)' }), tag));
      } else {
        const ecdf = s.statistic === 'empirical_cdf';
        const banded = Object.values(s.series).some((x) => x.lower !== null);
        charts.append(chart(ecdf ? 'empirical CDF per branch' : 'kernel density per branch', ContrailCharts.distribution(s.series, { color: branchColor, geometric: s.geometric, label: ecdf ? 'F(x)' : 'density', banded }), tag));
      }
    }
    const direction = info.biggerIsBetter ? 'bigger is better' : 'smaller is better';
    return el('section', { class: 'card metric', id: `metric-${metricView.metric}`, 'data-metric': metricView.metric }, el('h3', {}, `${info.friendlyName} `, el('span', { class: 'muted' }, `${metricView.metric} · ${direction}`)), info.description ? el('p', { class: 'muted' }, info.description) : null, charts);
  }

  function legendOfBranches() {
    return el('p', { class: 'legend' }, data.branches.map((b, i) => el('span', {}, el('i', { style: `background:${PALETTE[i % PALETTE.length]}` }), b)));
  }

  function render() {
    const started = performance.now();
    const app = document.getElementById('app');
    try {
      const view = currentView();
      renderControls();
      const parts = [renderSrm(view)];
      if (!view) {
        parts.push(el('section', { class: 'card' }, el('p', { class: 'empty' }, 'No results for this period, segment and basis.')));
      } else {
        parts.push(renderSummary(view), renderProblems(), el('h2', {}, 'Metrics'), legendOfBranches(), view.metrics.map(renderMetric));
      }
      app.replaceChildren(...parts.flat());
    } catch (error) {
      console.error(error);
      app.replaceChildren(el('pre', { id: 'render-error' }, `The report could not be drawn: ${error && error.stack ? error.stack : error}`));
    }
    const ms = performance.now() - started;
    window.contrailReport.renders.push(ms);
    document.body.setAttribute('data-rendered', String(window.contrailReport.renders.length));
  }

  window.contrailReport = { data, state, renders: [], render, readyMs: null };
  render();
  // Milliseconds from navigation start to the first drawn page (script parsing included).
  window.contrailReport.readyMs = performance.now();
})();
