import { test } from '@japa/runner'
import { fundingSources } from '#domain/handover/position'
import type { ChartLabels, ChartYear } from '#services/handover_chart'
import { fundingChartSvg } from '#services/handover_chart'

const labels: ChartLabels = {
  title: 'Funding',
  year: 'Year',
  amount: 'EUR',
  sources: Object.fromEntries(fundingSources.map((s) => [s, s])) as ChartLabels['sources'],
  target: 'Target',
  committed: 'Committed',
  need: 'Need',
}

function years(stateCents: number): ChartYear[] {
  const funding = Object.fromEntries(fundingSources.map((s) => [s, 0])) as ChartYear['funding']
  return [2026, 2027].map((year) => ({
    year,
    funding: { ...funding, state: stateCents, donor: 100_000 },
    targetStateCents: 200_000,
    committedCents: null,
    needCents: 300_000,
  }))
}

test.group('The handover funding chart, drawn once per input', () => {
  test('the same figures and words give the same SVG, other figures or words another', async ({
    assert,
  }) => {
    const first = await fundingChartSvg(years(150_000), labels)
    assert.equal(await fundingChartSvg(years(150_000), labels), first)
    assert.notEqual(await fundingChartSvg(years(250_000), labels), first)
    assert.notEqual(await fundingChartSvg(years(150_000), { ...labels, year: 'Viti' }), first)
  })
})
