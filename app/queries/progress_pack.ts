import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { Viewer } from '#domain/reports/disclosure'
import type { Quarter } from '#domain/results/quarter'
import { quarterContaining, quartersUpTo } from '#domain/results/quarter'
import Application from '#models/application'
import Call from '#models/call'
import Grant from '#models/grant'
import Payment from '#models/payment'
import type User from '#models/user'
import { DashboardFigures } from '#queries/dashboard_figures'
import { grantFinances } from '#queries/grant_finances'
import { HandoverPlan } from '#queries/handover_plan'
import type { StatisticsAccess } from '#queries/results_framework'
import { resultsFramework } from '#queries/results_framework'
import {
  endOfDayInKosovo,
  expenseReportsByStatusAsOf,
  instant,
  narrativeReportsByStatusAsOf,
} from '#queries/report_status_history'

/** An open action point from a monitoring visit, as the pack lists it. */
export interface OpenActionPoint {
  grantReference: string
  title: string
  owner: string
  dueOn: string
  status: string
}

/**
 * The programme's action points from monitoring visits as they stood at the
 * end of `asOf` (a day, in Kosovo): raised by then and not closed by then
 * (a point closed later was still open), oldest due date first. Its status
 * then is "answered" when its owner's answer was recorded by then (the
 * audit trail's `action_point.answered`), else "open".
 */
export async function openActionPoints(asOf: string): Promise<OpenActionPoint[]> {
  const cutoff = endOfDayInKosovo(asOf)
  const rows = await db
    .from('action_points')
    .join('grants', 'grants.id', 'action_points.grant_id')
    .join('organisations', 'organisations.id', 'action_points.owner_organisation_id')
    .where('action_points.created_at', '<', `${nextDay(asOf)} 00:00:00`)
    .orderBy('action_points.due_on')
    .orderBy('action_points.id')
    .select(
      'action_points.id as id',
      'grants.reference as grantReference',
      'action_points.title as title',
      'organisations.name as owner',
      'action_points.due_on as dueOn',
      'action_points.created_at as createdAt',
      'action_points.closed_at as closedAt'
    )
  const open = rows.filter(
    (row) =>
      instant(row.createdAt) <= cutoff && (row.closedAt === null || instant(row.closedAt) > cutoff)
  )
  const answers = open.length
    ? await db
        .from('audit_events')
        .where('action', 'action_point.answered')
        .where('subject_type', 'action_point')
        .whereIn(
          'subject_id',
          open.map((row) => String(row.id))
        )
        .select('subject_id as id', 'created_at as at')
    : []
  const answered = new Set(
    answers.filter((event) => instant(event.at) <= cutoff).map((event) => Number(event.id))
  )
  return open.map((row) => ({
    grantReference: String(row.grantReference),
    title: String(row.title),
    owner: String(row.owner),
    dueOn: isoDate(row.dueOn),
    status: answered.has(Number(row.id)) ? 'answered' : 'open',
  }))
}

function nextDay(date: string) {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days: 1 }).toISODate()!
}

function isoDate(value: unknown) {
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).slice(0, 10)
}

/** How many quarters of commitments and disbursements the pack shows. */
const quartersShown = 8

/**
 * The steering committee's progress pack for a quarter: every figure the
 * page, the PDF and the API show, in cents and counts, computed once so
 * the three agree to the cent. Indicator values are those the viewer may
 * see (DOMAIN-RULES §9).
 */
export async function progressPack(
  quarter: Quarter,
  viewer: User,
  viewerOf: (organisationId: number) => Viewer,
  access?: StatisticsAccess
) {
  const end = quarter.endsOn
  const inQuarter = (date: string | null | undefined) =>
    !!date && date >= quarter.startsOn && date <= end
  const byEnd = (date: string | null | undefined) => !!date && date <= end
  const iso = (d: { toISODate(): string | null } | null) => (d ? d.toISODate() : null)

  const [calls, applications, grants] = await Promise.all([
    Call.query().select('id', 'published_at'),
    Application.query().select('id', 'submitted_at'),
    Grant.query().preload('funder').orderBy('id'),
  ])
  const signed = grants.filter((g) => g.funderSignedAt !== null)
  const callFigures = {
    publishedInQuarter: calls.filter((c) => inQuarter(iso(c.publishedAt))).length,
    publishedToDate: calls.filter((c) => byEnd(iso(c.publishedAt))).length,
    applicationsInQuarter: applications.filter((a) => inQuarter(iso(a.submittedAt))).length,
    applicationsToDate: applications.filter((a) => byEnd(iso(a.submittedAt))).length,
    grantsSignedInQuarter: signed.filter((g) => inQuarter(iso(g.funderSignedAt))).length,
    grantsSignedToDate: signed.filter((g) => byEnd(iso(g.funderSignedAt))).length,
    awardedCentsInQuarter: sum(
      signed.filter((g) => inQuarter(iso(g.funderSignedAt))).map((g) => g.funderCents)
    ),
    awardedCentsToDate: sum(
      signed.filter((g) => byEnd(iso(g.funderSignedAt))).map((g) => g.funderCents)
    ),
  }

  // Commitments and disbursements of the EU-funded grants, cumulative per quarter.
  const euGrants = signed.filter((g) => g.funder.kind === 'contracting_authority')
  const planned: { date: string; cents: number }[] = []
  for (const grant of euGrants) {
    const finances = await grantFinances(grant)
    for (const row of finances.position.schedule) {
      const start = row.period === null ? null : grant.periods[row.period - 1]?.startsOn
      planned.push({ date: start ?? grant.endsOn.toISODate()!, cents: row.plannedCents })
    }
  }
  const payments = euGrants.length
    ? await Payment.query()
        .whereIn(
          'grant_id',
          euGrants.map((g) => g.id)
        )
        .select('value_date', 'amount_cents')
    : []
  const dates = [
    ...euGrants.map((g) => iso(g.funderSignedAt)!),
    ...payments.map((p) => p.valueDate.toISODate()!),
  ].sort()
  const first = dates.length ? quarterContaining(dates[0]) : quarter
  const money = quartersUpTo(first, quarter, quartersShown).map((q) => ({
    quarter: q.key,
    committedCents: sum(
      euGrants.filter((g) => iso(g.funderSignedAt)! <= q.endsOn).map((g) => g.funderCents)
    ),
    plannedCents: sum(planned.filter((p) => p.date <= q.endsOn).map((p) => p.cents)),
    disbursedCents: sum(
      payments.filter((p) => p.valueDate.toISODate()! <= q.endsOn).map((p) => p.amountCents)
    ),
  }))

  const figures = new DashboardFigures(viewer, end)
  const [reports, narrativeReports, licences, framework, plan, actionPoints] = await Promise.all([
    // Reports as they stood at the end of the quarter, from their status history (ADR 0037).
    expenseReportsByStatusAsOf(end),
    narrativeReportsByStatusAsOf(end),
    figures.licences(),
    resultsFramework(viewerOf, quarter.year, undefined, access),
    HandoverPlan.load({ today: end }),
    openActionPoints(end),
  ])
  const national = plan.national(quarter.year)
  const expiring = licences.expiry
    .filter((band) => band.band !== 'later')
    .reduce((total, band) => total + band.count, 0)
  const notActive = licences.byStatus
    .filter((row) => !['active', 'expiring', 'renewal_pending'].includes(row.status))
    .reduce((total, row) => total + row.count, 0)
  const returned = reports.find((r) => r.status === 'returned')?.count ?? 0
  const risks = [
    ...(notActive + expiring > 0 ? [{ code: 'licences', count: notActive + expiring }] : []),
    ...(returned > 0 ? [{ code: 'reports', count: returned }] : []),
    ...(national.gapCents > 0 ? [{ code: 'gap', amountCents: national.gapCents }] : []),
  ]

  return {
    quarter: quarter.key,
    startsOn: quarter.startsOn,
    endsOn: quarter.endsOn,
    calls: callFigures,
    money,
    reports,
    narrativeReports,
    indicators: framework.flatMap((group) =>
      group.indicators.map((view) => ({
        id: view.indicator.id,
        code: view.indicator.code,
        resultCode: group.result?.code ?? null,
        title: {
          en: view.indicator.titleEn,
          sq: view.indicator.titleSq,
          sr: view.indicator.titleSr,
        },
        unit: view.indicator.unit,
        years: view.years
          .filter((y) => y.year <= quarter.year)
          .map((y) => ({
            year: y.year,
            target: y.target,
            actual: y.actual,
            actualValue: y.actualValue,
            status: y.status,
          })),
      }))
    ),
    licences: { byStatus: licences.byStatus, expiringWithin90Days: expiring },
    handover: {
      year: national.year,
      shelters: national.shelters,
      needCents: national.needCents,
      committedCents: national.committedCents,
      transferredCents: national.transferredCents,
      gapCents: national.gapCents,
    },
    actionPoints,
    risks,
  }
}

export type ProgressPack = Awaited<ReturnType<typeof progressPack>>

function sum(values: readonly number[]) {
  return values.reduce((total, value) => total + value, 0)
}
