import type { Need } from '#domain/handover/need'
import type { FundingSource, NationalPosition, Position } from '#domain/handover/position'
import { riskScore } from '#domain/handover/position'
import type { Target } from '#domain/handover/targets'
import type HandoverCommitment from '#models/handover_commitment'
import type { HandoverPlan, ShelterPlan, ShelterYear } from '#queries/handover_plan'
import { programmeCurrencyNow } from '#services/programme_settings'

/**
 * The handover plan as JSON: the same figures the pages show, in integer
 * cents and basis points. Never an address.
 */
function fundingJson(funding: Record<FundingSource, number> & { total: number }) {
  return {
    stateCents: funding.state,
    donorCents: funding.donor,
    municipalityCents: funding.municipality,
    otherDonorsCents: funding.other_donor,
    ownIncomeCents: funding.own_income,
    totalCents: funding.total,
  }
}

export function needJson(need: Need) {
  return {
    method: need.method,
    amountCents: need.amountCents,
    beds: need.beds,
    occupancyBp: need.occupancyBp,
    daysInYear: need.daysInYear,
    withoutVerifiedCost: need.withoutVerifiedCost,
    operatingCostCents: need.operatingCostCents,
    bedDays: need.bedDays,
    reports: need.reports,
    costPerBedDayCents: need.costPerBedDayCents,
    justification: need.justification,
  }
}

export function targetJson(target: Target) {
  return {
    stateShareBp: target.stateShareBp,
    municipalShareBp: target.municipalShareBp,
    source: target.source,
  }
}

export function positionJson(position: Position) {
  return {
    year: position.year,
    needCents: position.needCents,
    funding: fundingJson(position.funding),
    committedCents: position.committedCents,
    transferredCents: position.transferredCents,
    stateShareBp: position.stateShareBp,
    committedShareBp: position.committedShareBp,
    targetStateShareBp: position.targetStateShareBp,
    targetStateCents: position.targetStateCents,
    targetMunicipalShareBp: position.targetMunicipalShareBp,
    targetMunicipalCents: position.targetMunicipalCents,
    gapCents: position.gapCents,
    shortfallCents: position.shortfallCents,
    surplusCents: position.surplusCents,
    riskScore: riskScore(position),
    flags: position.flags,
  }
}

function shelterYearJson(entry: ShelterYear) {
  return {
    year: entry.year,
    need: needJson(entry.need),
    target: targetJson(entry.target),
    position: positionJson(entry.position),
  }
}

function shelterHeadJson(plan: ShelterPlan) {
  return {
    id: plan.shelter.id,
    name: plan.shelter.name,
    organisation: { id: plan.shelter.organisationId, name: plan.shelter.organisationName },
    municipalityCode: plan.shelter.municipalityCode,
    beds: plan.shelter.beds,
  }
}

export function commitmentJson(commitment: HandoverCommitment) {
  return {
    id: commitment.id,
    year: commitment.year,
    funder: { organisationId: commitment.funderOrganisationId, name: commitment.funderName },
    referenceKind: commitment.referenceKind,
    budgetReference: commitment.budgetReference,
    committedOn: commitment.committedOn.toISODate(),
    currency: commitment.currency,
    amountCents: commitment.amountCents,
    evidence: commitment.evidenceFileKey
      ? { fileName: commitment.evidenceFileName, sha256: commitment.evidenceSha256 }
      : null,
    transfers: commitment.transfers.map((t) => ({
      id: t.id,
      transferredOn: t.transferredOn.toISODate(),
      amountCents: t.amountCents,
      reference: t.reference,
    })),
  }
}

export function nationalJson(national: NationalPosition) {
  return {
    year: national.year,
    shelters: national.shelters,
    needCents: national.needCents,
    sheltersWithoutNeed: national.sheltersWithoutNeed,
    funding: fundingJson(national.funding),
    committedCents: national.committedCents,
    transferredCents: national.transferredCents,
    targetStateCents: national.targetStateCents,
    gapCents: national.gapCents,
    surplusCents: national.surplusCents,
    sheltersShort: national.sheltersShort,
    sheltersInSurplus: national.sheltersInSurplus,
    stateShareBp: national.stateShareBp,
    flagged: national.flagged,
  }
}

/** GET /api/v1/handover/national: the year's totals and one row per shelter, the riskiest first. */
export function nationalPlanJson(plan: HandoverPlan, year: number) {
  return {
    year,
    years: plan.years,
    actionStartYear: plan.actionStartYear,
    actionStartsOn: plan.actionStartsOn,
    firstTargetYear: plan.firstTargetYear,
    currency: programmeCurrencyNow(),
    totals: nationalJson(plan.national(year)),
    shelters: plan.rows(year).map((row) => ({
      ...shelterHeadJson(row),
      need: needJson(row.need),
      target: targetJson(row.target),
      position: positionJson(row.position),
    })),
  }
}

/** GET /api/v1/handover/shelters/:id: every plan year of one shelter and its commitments. */
export function shelterPlanJson(plan: HandoverPlan, shelterPlan: ShelterPlan) {
  return {
    shelter: shelterHeadJson(shelterPlan),
    actionStartYear: plan.actionStartYear,
    actionStartsOn: plan.actionStartsOn,
    firstTargetYear: plan.firstTargetYear,
    currency: programmeCurrencyNow(),
    donorEndsOn: shelterPlan.donorEndsOn,
    fullTargetBp: shelterPlan.fullTargetBp,
    years: shelterPlan.years.map(shelterYearJson),
    commitments: shelterPlan.commitments.map(commitmentJson),
  }
}
