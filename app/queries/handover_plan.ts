import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { splitAmongShelters } from '#domain/handover/donor'
import type { Need, ReportBasis } from '#domain/handover/need'
import { resolveNeed, type NeedDefaults } from '#domain/handover/need'
import { ProgrammeSettingsLookup } from '#services/programme_settings'
import { FigureCache } from '#services/figure_cache'
import type { EnteredSource, NationalPosition, Position } from '#domain/handover/position'
import { byRisk, nationalPosition, positionFor } from '#domain/handover/position'
import type { Target, TargetEntry } from '#domain/handover/targets'
import { firstTargetYear, resolveTarget } from '#domain/handover/targets'
import { toCents } from '#domain/money'
import Grant from '#models/grant'
import HandoverCommitment from '#models/handover_commitment'
import HandoverNeed from '#models/handover_need'
import HandoverOtherFunding from '#models/handover_other_funding'
import HandoverTarget from '#models/handover_target'
import Licence from '#models/licence'
import Shelter from '#models/shelter'
import type User from '#models/user'

/** Residential services: the licence a shelter needs to receive state funding. */
const residentialServices = ['residential_vot', 'residential_dv']

export interface ShelterYear {
  year: number
  need: Need
  target: Target
  position: Position
}

export interface ShelterPlan {
  shelter: {
    id: number
    name: string
    organisationId: number
    organisationName: string
    municipalityCode: string
    beds: number
  }
  donorEndsOn: string | null
  /** The share the handover ends at: the target of the plan's last year. */
  fullTargetBp: number | null
  years: ShelterYear[]
  /** The commitments that count, with the transfers that count: cancelled ones are left out. */
  commitments: HandoverCommitment[]
}

export interface HandoverPlanOptions {
  today: string
  /** The shelters to read; every open shelter when left out. */
  shelterIds?: readonly number[]
  client?: QueryClientContract
}

/**
 * The handover plan as every page, export and API answer shows it: per
 * shelter and year the need (with its method and inputs), the targets,
 * the funding by source with donor funding computed in SQL from the
 * sub-grant ledger (payments by value-date year less recoveries), the
 * state's commitments and transfers, the flags; and the national sums.
 * Cancelled commitments, transfers and other sources are left out of all
 * of it, in SQL.
 */
export class HandoverPlan {
  private constructor(
    readonly today: string,
    readonly actionStartsOn: string,
    readonly years: number[],
    readonly shelters: ShelterPlan[],
    private planTargets: Map<number, TargetEntry>,
    private targetPaths: Map<number, readonly number[]>
  ) {}

  /**
   * The plan on `today`. Read outside a transaction, it is kept by the data
   * version (ADR 0034): every write moves the version on, so the next view
   * computes it afresh; until then views share one computation.
   */
  static load(options: HandoverPlanOptions): Promise<HandoverPlan> {
    if (options.client) return HandoverPlan.compute(options)
    const shelters = options.shelterIds
      ? [...options.shelterIds].sort((a, b) => a - b).join(',')
      : 'open'
    return FigureCache.read(`handover-plan:${options.today}:${shelters}`, () =>
      HandoverPlan.compute(options)
    )
  }

  private static async compute(options: HandoverPlanOptions) {
    const { today, client } = options
    const sheltersQuery = Shelter.query({ client }).preload('organisation').orderBy('name')
    if (options.shelterIds) sheltersQuery.whereIn('id', [...options.shelterIds])
    else sheltersQuery.where('status', 'open')
    const shelters = await sheltersQuery
    const shelterIds = shelters.map((s) => s.id)
    const organisationIds = [...new Set(shelters.map((s) => s.organisationId))]

    /* One after the other: inside a transaction they share one connection. */
    /* The action's start in the programme settings in force today (DOMAIN-RULES §10). */
    const settings = new ProgrammeSettingsLookup(client)
    const inForceToday = await settings.at(today)
    const startsOn = inForceToday.actionStartsOn
    const startYear = Number(startsOn.slice(0, 4))
    const targetYear1 = firstTargetYear(startsOn)
    const targets = await HandoverTarget.query({ client }).where((q) =>
      q.whereNull('shelter_id').orWhereIn('shelter_id', shelterIds)
    )
    const needs = await HandoverNeed.query({ client }).whereIn('shelter_id', shelterIds)
    /* Cancelled commitments and transfers count nowhere: not in a figure, nor in a plan year. */
    const commitments = await HandoverCommitment.query({ client })
      .whereIn('shelter_id', shelterIds)
      .whereNull('cancelled_at')
      .preload('transfers', (q) => q.whereNull('cancelled_at'))
      .preload('funder')
      .orderBy('year')
      .orderBy('committed_on')
      .orderBy('id')
    const others = await otherFunding(shelterIds, client)
    const donor = await donorFunding(organisationIds, client)
    const donorEnds = await donorEndDates(organisationIds, client)
    const licences = await Licence.query({ client })
      .whereIn('organisation_id', organisationIds)
      .withScopes((s) => s.withFacts())
    /* Every open shelter of the organisations, to split their donor funding by beds. */
    const siblings = await Shelter.query({ client })
      .whereIn('organisation_id', organisationIds)
      .where('status', 'open')
      .orderBy('id')
    const basis = await reportBasis(organisationIds, client)

    const dataYears = [
      ...targets.map((t) => t.year),
      ...needs.map((n) => n.year),
      ...commitments.map((c) => c.year),
      ...others.map((o) => o.year),
      ...donor.map((d) => d.year),
    ]
    const thisYear = Number(today.slice(0, 4))
    const firstYear = Math.min(startYear, ...dataYears)
    /* The default target path of the settings in force today decides how far the plan runs. */
    const pathLength = inForceToday.handoverTargetPathBp.length
    const lastYear = Math.max(targetYear1 + pathLength - 1, thisYear, ...dataYears)
    const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i)

    const planTarget = new Map(
      targets.filter((t) => t.shelterId === null).map((t) => [t.year, t.toEntry()])
    )
    const shelterTarget = new Map(
      targets.filter((t) => t.shelterId !== null).map((t) => [`${t.shelterId}:${t.year}`, t])
    )
    const needOf = new Map(needs.map((n) => [`${n.shelterId}:${n.year}`, n.toEntry()]))

    /* Donor funding of an organisation in a year, split among its open shelters by beds. */
    const donorOf = new Map<string, number>()
    for (const row of donor) {
      const own = siblings.filter((s) => s.organisationId === row.organisationId)
      const targetsOf =
        own.length > 0 ? own : shelters.filter((s) => s.organisationId === row.organisationId)
      const parts = splitAmongShelters(
        row.cents,
        targetsOf.map((s) => ({ id: s.id, beds: s.capacityBeds }))
      )
      for (const [shelterId, cents] of parts) donorOf.set(`${shelterId}:${row.year}`, cents)
    }

    /*
     * The programme settings in force on 1 January of each plan year:
     * occupancy, bed-year norm and the default target path (what a year
     * follows when neither the shelter nor the plan set a target).
     */
    const needDefaults = new Map<number, NeedDefaults>()
    const targetPaths = new Map<number, readonly number[]>()
    for (const year of years) {
      const inForce = await settings.at(`${year}-01-01`)
      needDefaults.set(year, {
        occupancyBp: inForce.handoverOccupancyBp,
        bedYearNormCents: inForce.bedYearNormCents,
      })
      targetPaths.set(year, inForce.handoverTargetPathBp)
    }

    const plans = shelters.map((shelter): ShelterPlan => {
      const target = (year: number) =>
        resolveTarget(
          year,
          targetYear1,
          planTarget.get(year) ?? null,
          shelterTarget.get(`${shelter.id}:${year}`)?.toEntry() ?? null,
          targetPaths.get(year)
        )
      const fullTargetBp = target(years[years.length - 1]).stateShareBp
      const donorEndsOn = donorEnds.get(shelter.organisationId) ?? null
      const shelterLicences = licences
        .filter(
          (l) =>
            l.organisationId === shelter.organisationId &&
            (l.shelterId === null || l.shelterId === shelter.id) &&
            l.services.some((s) => residentialServices.includes(s))
        )
        .map((l) => l.toFacts())
      const ownCommitments = commitments.filter((c) => c.shelterId === shelter.id)
      return {
        shelter: {
          id: shelter.id,
          name: shelter.name,
          organisationId: shelter.organisationId,
          organisationName: shelter.organisation.name,
          municipalityCode: shelter.municipalityCode,
          beds: shelter.capacityBeds,
        },
        donorEndsOn,
        fullTargetBp,
        commitments: ownCommitments,
        years: years.map((year) => {
          const need = resolveNeed(
            needOf.get(`${shelter.id}:${year}`) ?? null,
            basis.of(shelter.organisationId, year),
            shelter.capacityBeds,
            needDefaults.get(year)
          )
          const yearTarget = target(year)
          const entered = (source: EnteredSource) =>
            others
              .filter((o) => o.shelterId === shelter.id && o.year === year && o.source === source)
              .reduce((total, o) => total + o.cents, 0)
          const position = positionFor(
            {
              year,
              needCents: need.amountCents,
              targetStateShareBp: yearTarget.stateShareBp,
              targetMunicipalShareBp: yearTarget.municipalShareBp,
              fullTargetBp,
              donorCents: donorOf.get(`${shelter.id}:${year}`) ?? 0,
              donorEndsOn,
              commitments: ownCommitments
                .filter((c) => c.year === year)
                .map((c) => ({
                  id: c.id,
                  committedOn: c.committedOn.toISODate()!,
                  amountCents: c.amountCents,
                  transfers: c.transfers.map((t) => ({
                    transferredOn: t.transferredOn.toISODate()!,
                    amountCents: t.amountCents,
                  })),
                })),
              other: {
                municipality: entered('municipality'),
                other_donor: entered('other_donor'),
                own_income: entered('own_income'),
              },
              licences: shelterLicences,
            },
            today
          )
          return { year, need, target: yearTarget, position }
        }),
      }
    })
    return new HandoverPlan(today, startsOn, years, plans, planTarget, targetPaths)
  }

  /** The year the action starts. */
  get actionStartYear() {
    return Number(this.actionStartsOn.slice(0, 4))
  }

  /** Year 1 of the default target path. */
  get firstTargetYear() {
    return firstTargetYear(this.actionStartsOn)
  }

  /** The year to show: the one asked for when it is a plan year, else the current year (within the plan). */
  yearOrDefault(asked: number | null | undefined) {
    if (asked && this.years.includes(asked)) return asked
    const thisYear = Number(this.today.slice(0, 4))
    return Math.min(Math.max(thisYear, this.years[0]), this.years[this.years.length - 1])
  }

  /** The plan-wide target of a year (what a shelter without its own row follows). */
  planTarget(year: number): Target {
    return resolveTarget(
      year,
      this.firstTargetYear,
      this.planTargets.get(year) ?? null,
      null,
      this.targetPaths.get(year)
    )
  }

  /** One row per shelter for `year`, the riskiest first. */
  rows(year: number) {
    return byRisk(
      this.shelters.map((plan) => {
        const entry = plan.years.find((y) => y.year === year)!
        return { ...plan, name: plan.shelter.name, ...entry }
      })
    )
  }

  national(year: number): NationalPosition {
    return nationalPosition(
      year,
      this.shelters.map((plan) => plan.years.find((y) => y.year === year)!.position)
    )
  }

  /** Every plan year summed over the shelters: the series of the national chart. */
  nationalSeries() {
    return this.years.map((year) => this.national(year))
  }
}

/** A shelter the person may see (its NGO's people and programme staff), or a 404. */
export function visibleShelter(user: User, id: unknown) {
  return Shelter.query()
    .withScopes((s) => s.visibleTo(user))
    .where('id', Number(id) || 0)
    .firstOrFail()
}

/**
 * What was recorded for a shelter in a year, cancelled entries included
 * (with who cancelled them): the commitments with every transfer, and the
 * other sources. The shelter page lists them; the figures come from the plan.
 */
export async function shelterRecord(shelterId: number, year: number) {
  const commitments = await HandoverCommitment.query()
    .where('shelter_id', shelterId)
    .where('year', year)
    .preload('transfers', (q) => q.preload('cancelledBy'))
    .preload('cancelledBy')
    .orderBy('committed_on')
    .orderBy('id')
  const others = await HandoverOtherFunding.query()
    .where('shelter_id', shelterId)
    .where('year', year)
    .preload('cancelledBy')
    .orderBy('id')
  return { commitments, others }
}

/**
 * The plan as a person may read it: every open shelter for programme staff,
 * only its own shelters for an NGO.
 */
export async function visiblePlan(user: User, today: string) {
  if (user.seesAllOrganisations) return HandoverPlan.load({ today })
  const own = await Shelter.query()
    .withScopes((s) => s.visibleTo(user))
    .where('status', 'open')
    .select('id')
  return HandoverPlan.load({ today, shelterIds: own.map((s) => s.id) })
}

/** `YYYY` of a date column, as the dialect spells it. */
function yearOf(column: string, client?: QueryClientContract) {
  const dialect = (client ?? db.connection()).dialect.name
  return dialect === 'postgres' ? `to_char(${column}, 'YYYY')` : `substr(${column}, 1, 4)`
}

/**
 * Sub-grant payments less recoveries per grantee organisation and
 * value-date year, summed in SQL from the ledger (a disbursement row per
 * payment, a recovery row per recovery received).
 */
export async function donorFunding(
  organisationIds: readonly number[],
  client?: QueryClientContract
) {
  if (organisationIds.length === 0) return []
  const query = client ?? db.connection()
  const year = yearOf('le.booked_on', client)
  const rows = await query
    .from('ledger_entries as le')
    .join('grants as g', 'g.id', 'le.grant_id')
    .whereNotNull('g.parent_grant_id')
    .whereIn('g.grantee_organisation_id', [...organisationIds])
    .whereIn('le.kind', ['disbursement', 'recovery'])
    .select('g.grantee_organisation_id as organisation_id')
    .select(db.raw(`${year} as year`))
    .select(
      db.raw(
        "SUM(CASE WHEN le.kind = 'disbursement' THEN le.amount_cents ELSE -le.amount_cents END) as cents"
      )
    )
    .groupBy('g.grantee_organisation_id')
    .groupByRaw(year)
  return rows.map((row: { organisation_id: number; year: string; cents: string | number }) => ({
    organisationId: Number(row.organisation_id),
    year: Number(row.year),
    cents: toCents(row.cents),
  }))
}

/** Other sources per shelter, year and source, summed in SQL; cancelled ones left out. */
async function otherFunding(shelterIds: readonly number[], client?: QueryClientContract) {
  if (shelterIds.length === 0) return []
  const rows = await (client ?? db.connection())
    .from('handover_other_funding')
    .whereIn('shelter_id', [...shelterIds])
    .whereNull('cancelled_at')
    .select('shelter_id', 'year', 'source')
    .sum('amount_cents as cents')
    .groupBy('shelter_id', 'year', 'source')
  return rows.map(
    (row: { shelter_id: number; year: number; source: EnteredSource; cents: string | number }) => ({
      shelterId: Number(row.shelter_id),
      year: Number(row.year),
      source: row.source,
      cents: toCents(row.cents),
    })
  )
}

/** When each organisation's donor funding ends: the latest end of its sub-grants, in SQL. */
async function donorEndDates(organisationIds: readonly number[], client?: QueryClientContract) {
  if (organisationIds.length === 0) return new Map<number, string>()
  const query = client ?? db.connection()
  const endsOn =
    query.dialect.name === 'postgres'
      ? "to_char(max(ends_on), 'YYYY-MM-DD')"
      : 'substr(max(ends_on), 1, 10)'
  const rows = await query
    .from('grants')
    .whereNotNull('parent_grant_id')
    .whereIn('grantee_organisation_id', [...organisationIds])
    .select('grantee_organisation_id')
    .select(db.raw(`${endsOn} as ends_on`))
    .groupBy('grantee_organisation_id')
  return new Map<number, string>(
    rows.map((row: { grantee_organisation_id: number; ends_on: string }) => [
      Number(row.grantee_organisation_id),
      String(row.ends_on),
    ])
  )
}

/**
 * The approved reports of each organisation's sub-grants that carry a
 * verified total operating cost (all sources) and bed-days: the cost and
 * the bed-days of those same reports. The basis of a year reads the
 * reports of periods that started by the end of that year. The admitted
 * costs of the sub-grant are never used: they pay for a part only.
 */
async function reportBasis(organisationIds: readonly number[], client?: QueryClientContract) {
  const query = client ?? db.connection()
  /* One join in SQL: the approved reports of the organisations' sub-grants with a verified cost. */
  const reports: {
    report_id: number
    grant_id: number
    organisation_id: number
    period_number: number
    verified_cents: string | number
  }[] = organisationIds.length
    ? await query
        .from('expense_reports as r')
        .join('grants as g', 'g.id', 'r.grant_id')
        .join('operating_cost_declarations as d', 'd.expense_report_id', 'r.id')
        .whereNotNull('g.parent_grant_id')
        .whereIn('g.grantee_organisation_id', [...organisationIds])
        .where('r.status', 'approved')
        .whereNotNull('d.verified_cents')
        .select(
          'r.id as report_id',
          'r.grant_id',
          'g.grantee_organisation_id as organisation_id',
          'r.period_number',
          'd.verified_cents'
        )
    : []
  const reportIds = reports.map((r) => Number(r.report_id))
  const bedDayRows = reportIds.length
    ? await query
        .from('service_statistics')
        .whereIn('expense_report_id', reportIds)
        .where('measure', 'bed_days')
        .select('expense_report_id')
        .sum('count as bed_days')
        .groupBy('expense_report_id')
    : []
  const bedDays = new Map<number, number>(
    bedDayRows.map((row: { expense_report_id: number; bed_days: string | number }) => [
      Number(row.expense_report_id),
      Number(row.bed_days),
    ])
  )
  /* Only the grants of those reports are read, for their reporting periods. */
  const grantIds = [...new Set(reports.map((r) => Number(r.grant_id)))]
  const grants = grantIds.length ? await Grant.query({ client }).whereIn('id', grantIds) : []
  const grantOf = new Map(grants.map((g) => [g.id, g]))
  const facts = reports.map((report) => {
    const grant = grantOf.get(Number(report.grant_id))!
    const period = grant.periods.find((p) => p.number === Number(report.period_number))
    return {
      organisationId: Number(report.organisation_id),
      startsOn: period?.startsOn ?? grant.startsOn.toISODate()!,
      operatingCostCents: toCents(report.verified_cents),
      bedDays: bedDays.get(Number(report.report_id)) ?? 0,
    }
  })
  return {
    of(organisationId: number, year: number): ReportBasis {
      const used = facts.filter(
        (f) => f.organisationId === organisationId && f.startsOn <= `${year}-12-31` && f.bedDays > 0
      )
      return {
        operatingCostCents: toCents(
          used.reduce((total, f) => total + BigInt(f.operatingCostCents), 0n)
        ),
        bedDays: used.reduce((total, f) => total + f.bedDays, 0),
        reports: used.length,
      }
    },
  }
}
