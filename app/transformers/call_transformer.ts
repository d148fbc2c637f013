import type Application from '#models/application'
import type Call from '#models/call'

/** The API shape of a call. */
export function callJson(call: Call) {
  return {
    id: call.id,
    reference: call.reference,
    title: { en: call.titleEn, sq: call.titleSq, sr: call.titleSr },
    funderOrganisationId: call.funderOrganisationId,
    parentGrantId: call.parentGrantId,
    procedure: call.procedure,
    status: call.status,
    currency: call.currency,
    budgetEnvelopeCents: call.budgetEnvelopeCents,
    minGrantCents: call.minGrantCents,
    maxGrantCents: call.maxGrantCents,
    maxFunderShareBp: call.maxFunderShareBp,
    maxPerThirdPartyCents: call.maxPerThirdPartyCents,
    minDurationMonths: call.minDurationMonths,
    maxDurationMonths: call.maxDurationMonths,
    allowsInKind: call.allowsInKind,
    eligibleServices: call.eligibleServices,
    conceptDeadlineAt: call.conceptDeadlineAt.toUTC().toISO(),
    fullDeadlineAt: call.fullDeadlineAt?.toUTC().toISO() ?? null,
    timezone: call.timezone,
    conceptGrid: call.conceptGrid,
    fullGrid: call.fullGrid,
  }
}

/** The API shape of an application. */
export function applicationJson(application: Application) {
  return {
    id: application.id,
    callId: application.callId,
    organisationId: application.organisationId,
    status: application.status,
    title: application.title,
    summary: application.summary,
    objectives: application.objectives,
    currency: application.currency,
    estimatedTotalCents: application.estimatedTotalCents,
    requestedCents: application.requestedCents,
    submittedAt: application.submittedAt?.toUTC().toISO() ?? null,
    conceptScoreHundredths: application.conceptScoreHundredths,
    fullScoreHundredths: application.fullScoreHundredths,
    licenceCheck: application.licenceCheck,
  }
}

/** The API shape of a co-financing source. */
export function cofinancingSourceJson(row: {
  id: number
  kind: string
  source: string
  currency: string
  amountCents: number
}) {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    currency: row.currency,
    amountCents: row.amountCents,
  }
}
