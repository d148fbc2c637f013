import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

/**
 * The role dashboards' charts, drawn on the server the way the handover
 * chart is (`handover_chart.ts`): Vega-Lite compiles the spec and Vega
 * renders SVG in Node, no browser. Each SVG carries a <title> and a
 * <desc>; the page shows the same figures as a table beside it.
 */

/** Okabe–Ito colours, apart for colour-blind readers. */
const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442']

const quiet = vega.logger(vega.Error)

const config = {
  font: 'DejaVu Sans, Verdana, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11 },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'right' as const, labelLimit: 280 },
}

export interface ChartText {
  title: string
  desc: string
}

async function render(spec: TopLevelSpec, text: ChartText) {
  const view = new vega.View(vega.parse(compile(spec, { logger: quiet }).spec), {
    renderer: 'none',
    logLevel: vega.Error,
  })
  try {
    return accessible(await view.toSVG(), text)
  } finally {
    view.finalize()
  }
}

function escapeXml(text: string) {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** The SVG as an image with its title and description for screen readers. */
export function accessible(svg: string, text: ChartText) {
  const id = `chart-${Math.random().toString(36).slice(2, 10)}`
  return svg.replace(
    /<svg([^>]*)>/,
    `<svg$1 role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${escapeXml(text.title)}</title><desc id="${id}-desc">${escapeXml(text.desc)}</desc>`
  )
}

/** Whole euros for an axis (truncated toward zero; the table carries the cents). */
export function euros(cents: number) {
  return Number(BigInt(cents) / 100n)
}

/** Lines of cumulative amounts per year: one line per series (planned, disbursed). */
export function cumulativeLinesSvg(
  rows: readonly { year: number; series: string; amountCents: number }[],
  labels: ChartText & { year: string; amount: string }
) {
  return render(
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      description: labels.title,
      width: 420,
      height: 220,
      config,
      data: {
        values: rows.map((r) => ({
          year: String(r.year),
          series: r.series,
          amount: euros(r.amountCents),
        })),
      },
      mark: { type: 'line', point: { filled: true, size: 50 }, strokeWidth: 2 },
      encoding: {
        x: { field: 'year', type: 'ordinal', title: labels.year, axis: { labelAngle: 0 } },
        y: { field: 'amount', type: 'quantitative', title: labels.amount, axis: { format: ',d' } },
        color: { field: 'series', type: 'nominal', title: null, scale: { range: palette } },
        strokeDash: { field: 'series', type: 'nominal', title: null },
      },
    },
    labels
  )
}

/** Horizontal bars of counts by category (statuses, expiry bands). */
export function countBarsSvg(
  rows: readonly { label: string; count: number }[],
  labels: ChartText & { count: string }
) {
  return render(
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      description: labels.title,
      width: 380,
      height: Math.max(60, rows.length * 26),
      config,
      data: { values: rows.map((r, order) => ({ ...r, order })) },
      mark: { type: 'bar', color: palette[0] },
      encoding: {
        y: {
          field: 'label',
          type: 'nominal',
          title: null,
          sort: rows.map((r) => r.label),
        },
        x: {
          field: 'count',
          type: 'quantitative',
          title: labels.count,
          axis: { format: 'd', tickMinStep: 1 },
        },
      },
    },
    labels
  )
}
