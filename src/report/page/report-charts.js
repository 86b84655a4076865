// Contrail results report: the charts, drawn with Observable Plot (global `Plot`, `d3`), inlined
// before report-page.js by src/report/render-report-html.ts. Every interval mark carries its numbers
// as data-* attributes, so tests (and people) can read what was plotted.
/* global Plot, d3 */
'use strict';

const ContrailCharts = (() => {
  const VERDICT_COLORS = { better: '#1a7f37', worse: '#cf222e', inconclusive: '#6e7781' };
  const verdictScale = { domain: Object.keys(VERDICT_COLORS), range: Object.values(VERDICT_COLORS), legend: false };

  /** A Plot render transform that copies the plotted record of each element into data-* attributes. */
  function tagElements(records, attributes) {
    return (index, scales, values, dimensions, context, next) => {
      const g = next(index, scales, values, dimensions, context);
      const children = g.children;
      for (let i = 0; i < children.length && i < index.length; i++) {
        const record = records[index[i]];
        for (const [name, value] of Object.entries(attributes(record))) children[i].setAttribute(`data-${name}`, String(value));
      }
      return g;
    };
  }

  const hasInterval = (d) => d.lower !== null && d.upper !== null;

  /**
   * Forest plot: one row per branch against the reference, interval as a rule, point as a dot,
   * coloured by verdict, and a zero rule. `scale` turns values into the unit shown (100 for percent).
   */
  function forest(cells, { branches, scale, label, chart }) {
    const x = (v) => (v === null ? NaN : v * scale);
    const intervals = cells.filter(hasInterval);
    return Plot.plot({
      width: 380,
      height: 36 + 26 * branches.length,
      marginLeft: 96,
      marginRight: 16,
      x: { label, grid: true, nice: true },
      y: { domain: branches, label: null },
      color: verdictScale,
      marks: [
        Plot.ruleX([0], { stroke: '#1f2328' }),
        Plot.ruleY(intervals, {
          y: 'branch',
          x1: (d) => x(d.lower),
          x2: (d) => x(d.upper),
          stroke: 'verdict',
          strokeWidth: 3,
          render: tagElements(intervals, (d) => ({ chart, branch: d.branch, point: d.point, lower: d.lower, upper: d.upper, verdict: d.verdict })),
        }),
        Plot.dot(cells.filter((d) => d.point !== null), {
          y: 'branch',
          x: (d) => x(d.point),
          fill: 'verdict',
          r: 4,
          title: (d) => `${d.branch}: ${d3.format('.3~f')(x(d.point))} [${d3.format('.3~f')(x(d.lower))}, ${d3.format('.3~f')(x(d.upper))}]`,
        }),
      ],
    });
  }

  /** Per-branch values with intervals (means, rates), coloured by branch. */
  function absolute(values, { branches, color, scale, label }) {
    const x = (v) => (v === null ? NaN : v * scale);
    const intervals = values.filter(hasInterval);
    return Plot.plot({
      width: 380,
      height: 36 + 26 * branches.length,
      marginLeft: 96,
      marginRight: 16,
      x: { label, grid: true, nice: true },
      y: { domain: branches, label: null },
      color,
      marks: [
        Plot.ruleY(intervals, {
          y: 'branch',
          x1: (d) => x(d.lower),
          x2: (d) => x(d.upper),
          stroke: 'branch',
          strokeWidth: 3,
          render: tagElements(intervals, (d) => ({ chart: 'absolute', branch: d.branch, point: d.point, lower: d.lower, upper: d.upper })),
        }),
        Plot.dot(values.filter((d) => d.point !== null), { y: 'branch', x: (d) => x(d.point), fill: 'branch', r: 4, title: (d) => `${d.branch}: ${d3.format('.4~g')(x(d.point))}` }),
      ],
    });
  }

  /** Long-format points of a per-branch curve, bands kept where written. */
  function points(seriesByBranch, scale) {
    const out = [];
    for (const [branch, s] of Object.entries(seriesByBranch)) {
      for (let i = 0; i < s.x.length; i++) {
        const v = (a) => (a === null || a[i] === null ? NaN : a[i] * scale);
        out.push({ branch, x: s.x[i], y: v(s.y), lower: v(s.lower), upper: v(s.upper) });
      }
    }
    return out;
  }

  /** Relative uplift per decile against the reference, with its band, per branch. */
  function deciles(seriesByBranch, { color, label }) {
    const data = points(seriesByBranch, 100);
    return Plot.plot({
      width: 380,
      height: 220,
      x: { label: 'decile', ticks: 9, tickFormat: (d) => d3.format('.0%')(d) },
      y: { label, grid: true, nice: true },
      color,
      marks: [
        Plot.areaY(data, { x: 'x', y1: 'lower', y2: 'upper', fill: 'branch', fillOpacity: 0.15, z: 'branch' }),
        Plot.ruleY([0], { stroke: '#1f2328' }),
        Plot.line(data, { x: 'x', y: 'y', stroke: 'branch', z: 'branch', marker: 'circle-stroke' }),
      ],
    });
  }

  /** KDE or ECDF curves per branch; log x axis for a geometric grid. */
  function distribution(seriesByBranch, { color, geometric, label, banded }) {
    const all = points(seriesByBranch, 1);
    const data = geometric ? all.filter((d) => d.x > 0) : all;
    const curve = label === 'F(x)' ? 'step-after' : 'linear';
    const marks = [Plot.line(data, { x: 'x', y: 'y', stroke: 'branch', z: 'branch', curve })];
    if (banded) marks.unshift(Plot.areaY(data, { x: 'x', y1: 'lower', y2: 'upper', fill: 'branch', fillOpacity: 0.15, z: 'branch', curve }));
    const svg = Plot.plot({
      width: 380,
      height: 220,
      x: { type: geometric ? 'log' : 'linear', label: geometric ? 'value (log scale)' : 'value', tickFormat: geometric ? '~g' : undefined },
      y: { label, grid: true },
      color,
      marks,
    });
    svg.setAttribute('data-x-scale', geometric ? 'log' : 'linear');
    return svg;
  }

  return { forest, absolute, deciles, distribution, VERDICT_COLORS };
})();
