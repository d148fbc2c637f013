import type Licence from '#models/licence'

/** The API shape of a licence; decisions and renewals must be loaded. */
export function licenceJson(licence: Licence, today: string) {
  const pending = licence.pendingRenewal
  return {
    id: licence.id,
    number: licence.number,
    organisationId: licence.organisationId,
    shelterId: licence.shelterId,
    level: licence.level,
    services: licence.services,
    issuedOn: licence.issuedOn.toISODate(),
    validUntil: licence.validUntil.toISODate(),
    status: licence.statusOn(today),
    replacesLicenceId: licence.replacesLicenceId,
    hasDecisionFile: licence.decisionFileKey !== null,
    decisions: licence.decisions.map((d) => ({
      kind: d.kind,
      effectiveOn: d.effectiveOn.toISODate(),
      reason: d.reason,
    })),
    pendingRenewal: pending
      ? { id: pending.id, requestedOn: pending.requestedOn.toISODate() }
      : null,
  }
}
