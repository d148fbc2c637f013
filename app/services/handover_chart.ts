import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import type { FundingSource } from '#domain/handover/position'
import { fundingSources } from '#domain/handover/position'
import type { HandoverPlan, ShelterPlan } from '#queries/handover_plan'

/** One year of the chart: funding by source, the state's target and the need, in cents. */
export interface ChartYear {
  year: number
  funding: Record<FundingSource, number>
  targetStateCents: number | null
  /** What the state committed for the year (shown as points, for the years not yet paid). */
  committedCents: number | null
  needCents: number | null
}

export interface ChartLabels {
  title: string
  year: string
  amount: string
  sources: Record<FundingSource, string>
  target: string
  committed: string
  need: string
}

/** Colours that stay apart for colour-blind readers (Okabe–Ito), state first. */
const sourceColours: Record<FundingSource, string> = {
  state: '#0072B2',
  donor: '#E69F00',
  municipality: '#009E73',
  other_donor: '#CC79A7',
  own_income: '#56B4E9',
}

/** Vega-Lite's notes (it merges the line legends on purpose); errors still throw. */
const quiet = vega.logger(vega.Error)

/** Whole euros for the axis (truncated toward zero; the tables carry the cents). */
function euros(cents: number) {
  return Number(BigInt(cents) / 100n)
}

/**
 * The funding chart of the handover plan: stacked bars of funding by
 * source per year, the state's target and the need as lines. Vega-Lite
 * compiles the spec and Vega renders it to SVG in Node (no canvas, no
 * browser), so the page and the PDF show the same picture.
 */
export function fundingChartSvg(
  years: readonly ChartYear[],
  labels: ChartLabels,
  options: { width?: number; height?: number } = {}
): Promise<string> {
  /* The SVG is a function of its figures and words alone: drawn once per distinct input. */
  const key = JSON.stringify([years, labels, options])
  const drawn = drawnCharts.get(key)
  if (drawn) {
    drawnCharts.delete(key)
    drawnCharts.set(key, drawn)
    return drawn
  }
  const svg = drawFundingChart(years, labels, options)
  drawnCharts.set(key, svg)
  svg.catch(() => drawnCharts.delete(key))
  if (drawnCharts.size > DRAWN_CHARTS) drawnCharts.delete(drawnCharts.keys().next().value!)
  return svg
}

/** The charts drawn lately, by input, the least recently shown first (Vega takes tens of ms each). */
const drawnCharts = new Map<string, Promise<string>>()
const DRAWN_CHARTS = 64

async function drawFundingChart(
  years: readonly ChartYear[],
  labels: ChartLabels,
  options: { width?: number; height?: number }
): Promise<string> {
  const bars = years.flatMap((y) =>
    fundingSources.map((source, order) => ({
      year: String(y.year),
      source: labels.sources[source],
      order,
      amount: euros(y.funding[source]),
    }))
  )
  const lines = years.flatMap((y) => [
    ...(y.targetStateCents === null
      ? []
      : [{ year: String(y.year), series: labels.target, amount: euros(y.targetStateCents) }]),
    ...(y.needCents === null
      ? []
      : [{ year: String(y.year), series: labels.need, amount: euros(y.needCents) }]),
  ])
  const commitments = years
    .filter((y) => y.committedCents !== null && y.committedCents > 0)
    .map((y) => ({
      year: String(y.year),
      series: labels.committed,
      amount: euros(y.committedCents!),
    }))
  const series = [labels.target, labels.committed, labels.need]
  const x = {
    field: 'year',
    type: 'ordinal' as const,
    title: labels.year,
    sort: years.map((y) => String(y.year)),
    axis: { labelAngle: 0 },
  }
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: labels.title,
    width: options.width ?? 460,
    height: options.height ?? 260,
    config: {
      font: 'DejaVu Sans, Verdana, sans-serif',
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 11 },
      legend: { labelFontSize: 11, titleFontSize: 11, orient: 'right', labelLimit: 280 },
    },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar' },
        encoding: {
          x,
          y: {
            field: 'amount',
            type: 'quantitative',
            aggregate: 'sum',
            title: labels.amount,
            axis: { format: ',d' },
          },
          color: {
            field: 'source',
            type: 'nominal',
            title: null,
            scale: {
              domain: fundingSources.map((s) => labels.sources[s]),
              range: fundingSources.map((s) => sourceColours[s]),
            },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      {
        data: { values: [...lines, ...commitments] },
        mark: {
          type: 'line',
          color: '#222222',
          strokeWidth: 2,
          point: { filled: true, color: '#222222', size: 50 },
        },
        encoding: {
          x,
          y: { field: 'amount', type: 'quantitative' },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: {
              domain: [labels.target, labels.need],
              range: [
                [1, 0],
                [6, 4],
              ],
            },
          },
          shape: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: series, range: ['diamond', 'square', 'circle'] },
          },
        },
      },
    ],
    resolve: { scale: { y: 'shared' } },
  }
  const view = new vega.View(vega.parse(compile(spec, { logger: quiet }).spec), {
    renderer: 'none',
    logLevel: vega.Error,
  })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

/**
 * The same SVG as svg-to-pdfkit can draw it: pdfkit refuses the dash
 * pattern "1,0" that Vega writes for a solid line, so it is left out.
 */
export function svgForPdf(svg: string) {
  return svg.replace(/ stroke-dasharray="1,0"/g, '')
}

/** The chart's words in the reader's language (the request's i18n satisfies it). */
export function chartLabels(i18n: { t(key: string): string }): ChartLabels {
  return {
    title: i18n.t('handover.chart.title'),
    year: i18n.t('handover.chart.year'),
    amount: i18n.t('handover.chart.amount'),
    sources: Object.fromEntries(
      fundingSources.map((source) => [source, i18n.t(`handover.sources.${source}`)])
    ) as Record<FundingSource, string>,
    target: i18n.t('handover.chart.target'),
    committed: i18n.t('handover.chart.committed'),
    need: i18n.t('handover.chart.need'),
  }
}

/** The national chart (or an NGO's shelters summed): every plan year. */
export function planChart(plan: HandoverPlan, labels: ChartLabels) {
  return fundingChartSvg(
    plan.nationalSeries().map((n) => {
      const positions = plan.shelters.map((s) => s.years.find((y) => y.year === n.year)!.position)
      return {
        year: n.year,
        funding: n.funding,
        targetStateCents: positions.some((p) => p.targetStateCents !== null)
          ? n.targetStateCents
          : null,
        committedCents: n.committedCents,
        needCents: n.shelters - n.sheltersWithoutNeed > 0 ? n.needCents : null,
      }
    }),
    labels
  )
}

/** One shelter's chart: every plan year. */
export function shelterChart(plan: ShelterPlan, labels: ChartLabels) {
  return fundingChartSvg(
    plan.years.map(({ year, position }) => ({
      year,
      funding: position.funding,
      targetStateCents: position.targetStateCents,
      committedCents: position.committedCents,
      needCents: position.needCents,
    })),
    labels
  )
}
