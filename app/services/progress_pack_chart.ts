import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { accessible, type ChartText, euros } from '#services/dashboard_charts'

const quiet = vega.logger(vega.Error)

/**
 * Indicators against targets for one year, drawn on the server like the
 * dashboard charts: a target bar and an actual bar per indicator (an
 * actual the viewer may not see is left out; the table beside it says why).
 */
export async function indicatorTargetsSvg(
  rows: readonly { code: string; target: number | null; actual: number | null }[],
  labels: ChartText & { target: string; actual: string; value: string }
) {
  const values = rows.flatMap((r) => [
    ...(r.target === null ? [] : [{ code: r.code, series: labels.target, value: r.target }]),
    ...(r.actual === null ? [] : [{ code: r.code, series: labels.actual, value: r.actual }]),
  ])
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: labels.title,
    width: 420,
    height: 200,
    config: {
      font: 'DejaVu Sans, Verdana, sans-serif',
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 11 },
      legend: { labelFontSize: 11, titleFontSize: 11, orient: 'right' },
    },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'code', type: 'nominal', title: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'series', type: 'nominal' },
      y: { field: 'value', type: 'quantitative', title: labels.value, axis: { format: 'd' } },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { range: ['#E69F00', '#0072B2'] },
      },
    },
  }
  const view = new vega.View(vega.parse(compile(spec, { logger: quiet }).spec), {
    renderer: 'none',
    logLevel: vega.Error,
  })
  try {
    return accessible(await view.toSVG(), labels)
  } finally {
    view.finalize()
  }
}

/**
 * The money of the EU-funded grants over the pack's quarters, drawn like
 * the indicators chart: one line each for the amount committed, the
 * payments planned and the amount disbursed, cumulative at each quarter's
 * end, in whole euros (the table beside it carries the cents).
 */
export async function moneyOverTimeSvg(
  rows: readonly {
    quarter: string
    committedCents: number
    plannedCents: number
    disbursedCents: number
  }[],
  labels: ChartText & {
    committed: string
    planned: string
    disbursed: string
    amount: string
  }
) {
  const values = rows.flatMap((row, order) => [
    { quarter: row.quarter, order, series: labels.committed, amount: euros(row.committedCents) },
    { quarter: row.quarter, order, series: labels.planned, amount: euros(row.plannedCents) },
    { quarter: row.quarter, order, series: labels.disbursed, amount: euros(row.disbursedCents) },
  ])
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: labels.title,
    width: 420,
    height: 200,
    config: {
      // The figure is one image with its title and description (every point in words):
      // no labels on each line and point.
      aria: false,
      font: 'DejaVu Sans, Verdana, sans-serif',
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 11 },
      legend: { labelFontSize: 11, titleFontSize: 11, orient: 'right', labelLimit: 240 },
    },
    data: { values },
    mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 2 },
    encoding: {
      x: {
        field: 'quarter',
        type: 'ordinal',
        sort: { field: 'order' },
        title: null,
        axis: { labelAngle: 0 },
      },
      y: { field: 'amount', type: 'quantitative', title: labels.amount, axis: { format: ',d' } },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        sort: [labels.committed, labels.planned, labels.disbursed],
        scale: { range: ['#E69F00', '#56B4E9', '#0072B2'] },
      },
      strokeDash: {
        field: 'series',
        type: 'nominal',
        title: null,
        sort: [labels.committed, labels.planned, labels.disbursed],
      },
    },
  }
  const view = new vega.View(vega.parse(compile(spec, { logger: quiet }).spec), {
    renderer: 'none',
    logLevel: vega.Error,
  })
  try {
    return accessible(await view.toSVG(), labels)
  } finally {
    view.finalize()
  }
}
