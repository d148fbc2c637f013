import type { HttpContext } from '@adonisjs/core/http'
import type { BudgetVsActualRow } from '#domain/reports/report_totals'
import type { BudgetOverview, OverviewRow, OverviewSection } from '#queries/budget_overview'
import { budgetOverview } from '#queries/budget_overview'
import { visibleGrant } from '#queries/grant_access'
import { toCsv } from '#services/csv'
import { formatBasisPoints } from '#services/pdf/grant_contract'
import { asDownload, csvType } from '#services/downloads'

type Translate = (key: string, data?: Record<string, unknown>) => string

/** A row as the page shows it and the CSV exports it. */
interface TableRow extends BudgetVsActualRow {
  section: 'grant' | 'fstp_rollup' | 'sub_grant'
  grant: string
  kind: OverviewRow['kind'] | 'sub_grant'
  heading: string
  label: string
  /** Shown beside the label on the page only (not part of the table's figures). */
  note: string | null
  overFlexibility: boolean
}

interface TableSection {
  id: string
  section: TableRow['section']
  title: string
  currency: string
  firstColumn: string
  rows: TableRow[]
}

/**
 * Budget against actual of a grant (issue #6 point 5): per heading and
 * budget line, planned, claimed, admitted, remaining and % used with the
 * flexibility check; for a lead grant with the sub-grants' expenditure on
 * its FSTP line and a table per sub-grant. `?format=csv` exports the same
 * rows. Visible to everyone who can see the grant (404 otherwise).
 */
export default class BudgetOverviewsController {
  async show({ auth, params, request, response, view, i18n }: HttpContext) {
    const grant = await visibleGrant(auth.getUserOrFail(), params.id)
    await grant.load((loader) => loader.load('grantee').load('funder'))
    const overview = await budgetOverview(grant)
    const t: Translate = (key, data) => i18n.t(key, data)
    const flexibility = formatBasisPoints(overview.flexibilityBp, i18n.locale)
    const sections = tableOf(overview, t, flexibility)

    if (request.input('format') === 'csv') {
      asDownload(response, `budget-vs-actual-${grant.reference}.csv`, csvType)
      return toCsv(
        [
          'section',
          'grant',
          'row',
          'heading',
          'label',
          'planned_cents',
          'claimed_cents',
          'admitted_cents',
          'remaining_cents',
          'used_percent',
          'over_flexibility',
        ],
        sections
          .flatMap((section) =>
            section.rows.map((row) => [
              row.section,
              row.grant,
              row.kind,
              row.heading,
              row.label,
              row.plannedCents,
              row.claimedCents,
              row.admittedCents,
              row.remainingCents,
              row.usedBp === null ? '' : percentText(row.usedBp),
              row.overFlexibility ? 'yes' : '',
            ])
          )
          .concat(acceptedRows(overview))
      )
    }

    return view.render('pages/grants/budget_vs_actual', {
      grant,
      overview,
      accepted: overview.accepted,
      sections,
      flexibility,
      percent: (basisPoints: number | null) =>
        basisPoints === null ? '—' : formatBasisPoints(basisPoints, i18n.locale),
    })
  }
}

/**
 * The accepted costs of the grant as CSV rows (section `accepted_costs`,
 * the amount in `admitted_cents`), the same figures as the page and the API.
 */
function acceptedRows({ grant, accepted }: BudgetOverview) {
  return (
    [
      ['admitted', accepted.admittedCents],
      ['indirect_over_cap', accepted.indirectExcessCents],
      ['contingency_not_released', accepted.contingencyExcessCents],
      ['accepted', accepted.acceptedCents],
    ] as const
  ).map(([kind, cents]) => [
    'accepted_costs',
    grant.reference,
    kind,
    '',
    '',
    '',
    '',
    cents,
    '',
    '',
    '',
  ])
}

/** Basis points as a plain decimal for the CSV: 1234 → "12.34". */
function percentText(basisPoints: number) {
  const sign = basisPoints < 0 ? '-' : ''
  const magnitude = Math.abs(basisPoints)
  return `${sign}${Math.trunc(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`
}

function tableOf(overview: BudgetOverview, t: Translate, flexibility: string): TableSection[] {
  const { grant, rollup } = overview
  const sections: TableSection[] = [
    {
      id: `grant-${grant.id}`,
      section: 'grant',
      title: t(rollup ? 'reports.overview.lead_section' : 'reports.overview.grant_section', {
        reference: grant.reference,
      }),
      currency: grant.currency,
      firstColumn: t('reports.labels.heading_line'),
      rows: rowsOf(overview.main, 'grant', t, flexibility),
    },
  ]
  if (rollup) {
    sections.push({
      id: 'fstp-rollup',
      section: 'fstp_rollup',
      title: t('reports.overview.rollup_title'),
      currency: grant.currency,
      firstColumn: t('reports.labels.sub_grant'),
      rows: [
        ...rollup.rows.map((row): TableRow => ({
          section: 'fstp_rollup',
          grant: row.grant.reference,
          kind: 'sub_grant',
          heading: 'other',
          label: `${row.grant.reference} · ${row.grant.grantee.name}`,
          note: row.lineLabel
            ? t('reports.overview.counts_on', { line: row.lineLabel })
            : t('reports.overview.counts_on_sub_grants'),
          ...amounts(row),
          overFlexibility: false,
        })),
        {
          section: 'fstp_rollup',
          grant: grant.reference,
          kind: 'total',
          heading: '',
          label: t('reports.labels.total'),
          note: null,
          ...amounts(rollup.total),
          overFlexibility: false,
        },
      ],
    })
  }
  for (const sub of overview.subGrants) {
    sections.push({
      id: `grant-${sub.grant.id}`,
      section: 'sub_grant',
      title: t('reports.overview.sub_grant_section', {
        reference: sub.grant.reference,
        grantee: sub.grant.grantee.name,
      }),
      currency: sub.grant.currency,
      firstColumn: t('reports.labels.heading_line'),
      rows: rowsOf(sub, 'sub_grant', t, flexibility),
    })
  }
  return sections
}

function rowsOf(
  section: OverviewSection,
  kind: TableRow['section'],
  t: Translate,
  flexibility: string
): TableRow[] {
  return section.rows.map((row) => ({
    section: kind,
    grant: section.grant.reference,
    kind: row.kind,
    heading: row.heading ?? '',
    label: labelOf(row, t),
    note: row.isFstp
      ? t('reports.overview.fstp_note')
      : row.overFlexibility
        ? t('reports.overview.over_flexibility', { limit: flexibility })
        : null,
    ...amounts(row),
    overFlexibility: row.overFlexibility,
  }))
}

function labelOf(row: OverviewRow, t: Translate) {
  switch (row.kind) {
    case 'heading':
      return t(`messages.budget_headings.${row.heading}`)
    case 'total':
      return t('reports.labels.total')
    case 'unassigned':
      return t('reports.labels.unassigned')
    default:
      if (row.synthetic === 'earlier') return t('reports.labels.earlier_lines')
      if (row.synthetic === 'sub_grants') return t('reports.overview.sub_grants_row')
      return row.label
  }
}

function amounts(row: BudgetVsActualRow): BudgetVsActualRow {
  return {
    plannedCents: row.plannedCents,
    claimedCents: row.claimedCents,
    admittedCents: row.admittedCents,
    remainingCents: row.remainingCents,
    usedBp: row.usedBp,
  }
}
