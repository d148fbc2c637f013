import type { CoverageReason } from '#domain/licences/coverage'

/**
 * What the verification of eligibility should look at twice before
 * recording "eligible" (issue #16, point 9): an amount requested outside the
 * call's range, organisation documents missing, and licence cover that ends
 * before the grant period does. These are warnings, never blocks: the grant
 * manager decides, and the warnings shown are stored with the decision.
 */
export type EligibilityWarning =
  | { code: 'REQUEST_BELOW_MIN'; requestedCents: number; minCents: number }
  | { code: 'REQUEST_ABOVE_MAX'; requestedCents: number; maxCents: number }
  | { code: 'DOCUMENTS_MISSING'; types: string[] }
  | { code: 'LICENCE_COVER_SHORT'; reasons: CoverageReason[] }
  | { code: 'NO_PERIOD' }

export const eligibilityWarningCodes = [
  'REQUEST_BELOW_MIN',
  'REQUEST_ABOVE_MAX',
  'DOCUMENTS_MISSING',
  'LICENCE_COVER_SHORT',
  'NO_PERIOD',
] as const

export interface EligibilityFacts {
  /** The full application's request, or the concept note's when there is none. */
  requestedCents: number | null
  minGrantCents: number
  maxGrantCents: number
  /** Every document type the organisation must hold. */
  requiredDocumentTypes: readonly string[]
  /** Document types with at least one version on file. */
  presentDocumentTypes: readonly string[]
  requiresLicence: boolean
  hasPeriod: boolean
  /** Licence cover of the whole grant period, one entry per eligible service. */
  coverage: readonly { covered: boolean; reasons: CoverageReason[] }[]
}

export function eligibilityWarnings(facts: EligibilityFacts): EligibilityWarning[] {
  const warnings: EligibilityWarning[] = []
  const requested = facts.requestedCents
  if (requested !== null && requested < facts.minGrantCents) {
    warnings.push({
      code: 'REQUEST_BELOW_MIN',
      requestedCents: requested,
      minCents: facts.minGrantCents,
    })
  }
  if (requested !== null && requested > facts.maxGrantCents) {
    warnings.push({
      code: 'REQUEST_ABOVE_MAX',
      requestedCents: requested,
      maxCents: facts.maxGrantCents,
    })
  }
  const present = new Set(facts.presentDocumentTypes)
  const missing = facts.requiredDocumentTypes.filter((type) => !present.has(type))
  if (missing.length > 0) warnings.push({ code: 'DOCUMENTS_MISSING', types: missing })
  if (facts.requiresLicence) {
    if (!facts.hasPeriod) warnings.push({ code: 'NO_PERIOD' })
    const reasons = facts.coverage.filter((c) => !c.covered).flatMap((c) => c.reasons)
    if (reasons.length > 0) warnings.push({ code: 'LICENCE_COVER_SHORT', reasons })
  }
  return warnings
}
