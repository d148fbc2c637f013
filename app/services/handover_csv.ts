import { amountInput } from '#providers/app_provider'
import type { HandoverPlan } from '#queries/handover_plan'
import { toCsv } from '#services/csv'

/** Basis points as a percentage with two decimals ("7000" → "70.00"); empty for none. */
function percent(bp: number | null) {
  return bp === null ? '' : `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`
}

function amount(cents: number | null) {
  return cents === null ? '' : amountInput(cents)
}

/**
 * The handover plan as CSV: one row per shelter and plan year, amounts in
 * EUR with two decimals, shares in per cent, flags as codes. The gap is
 * the shortfall (max(0, need − funding)) and the surplus has its own
 * column, so no cell starts with a minus sign (which the CSV writer would
 * quote as a possible formula) and summing the gap column gives the
 * national gap. Never an address.
 */
export function handoverCsv(plan: HandoverPlan, i18n: { t(key: string): string }) {
  const header = [
    'year',
    'shelter',
    'organisation',
    'municipality',
    'beds',
    'need_method',
    'need_eur',
    'occupancy_percent',
    'cost_per_bed_day_eur',
    'target_state_percent',
    'target_state_eur',
    'target_municipal_percent',
    'state_committed_eur',
    'state_transferred_eur',
    'donor_sub_grants_eur',
    'municipality_eur',
    'other_donors_eur',
    'own_income_eur',
    'total_funding_eur',
    'realised_state_percent',
    'gap_eur',
    'surplus_eur',
    'flags',
  ]
  const rows = plan.years.flatMap((year) =>
    plan
      .rows(year)
      .map(({ shelter, need, position }) => [
        year,
        shelter.name,
        shelter.organisationName,
        shelter.municipalityCode,
        shelter.beds,
        i18n.t(`handover.need_methods.${need.method}`),
        amount(position.needCents),
        percent(need.occupancyBp),
        amount(need.costPerBedDayCents),
        percent(position.targetStateShareBp),
        amount(position.targetStateCents),
        percent(position.targetMunicipalShareBp),
        amount(position.committedCents),
        amount(position.transferredCents),
        amount(position.funding.donor),
        amount(position.funding.municipality),
        amount(position.funding.other_donor),
        amount(position.funding.own_income),
        amount(position.funding.total),
        percent(position.stateShareBp),
        amount(position.shortfallCents),
        amount(position.surplusCents),
        position.flags.map((f) => f.code).join(' '),
      ])
  )
  return toCsv(header, rows)
}
