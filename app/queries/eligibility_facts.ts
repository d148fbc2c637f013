import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { documentTypes } from '#domain/documents'
import type { EligibilityWarning } from '#domain/calls/eligibility_warnings'
import { eligibilityWarnings } from '#domain/calls/eligibility_warnings'
import type { Coverage } from '#domain/licences/coverage'
import type Application from '#models/application'
import type Call from '#models/call'
import OrganisationDocument from '#models/organisation_document'
import { licenceCoverage } from '#queries/licence_coverage'

export interface EligibilityView {
  documents: OrganisationDocument[]
  coverage: Coverage[]
  warnings: EligibilityWarning[]
}

/**
 * What the verification of eligibility looks at for one application:
 * the organisation's documents, licence cover of the whole grant period
 * (shelter calls) and the warnings drawn from them and the call's range.
 */
export async function eligibilityFacts(
  call: Call,
  application: Application,
  client?: QueryClientContract
): Promise<EligibilityView> {
  const documents = await OrganisationDocument.query({ client })
    .where('organisation_id', application.organisationId)
    .preload('versions', (v) => v.orderBy('version', 'desc'))
  const coverage: Coverage[] = []
  const hasPeriod = Boolean(application.periodStartOn && application.periodEndOn)
  if (call.requiresLicence && hasPeriod) {
    for (const service of call.eligibleServices) {
      const result = await licenceCoverage(
        application.organisationId,
        service,
        application.periodStartOn!.toISODate()!,
        application.periodEndOn!.toISODate()!,
        client
      )
      coverage.push(result.coverage)
    }
  }
  const warnings = eligibilityWarnings({
    requestedCents: application.fullRequestedCents ?? application.requestedCents,
    minGrantCents: call.minGrantCents,
    maxGrantCents: call.maxGrantCents,
    requiredDocumentTypes: documentTypes,
    presentDocumentTypes: documents.filter((d) => d.versions.length > 0).map((d) => d.type),
    requiresLicence: call.requiresLicence,
    hasPeriod,
    coverage,
  })
  return { documents, coverage, warnings }
}
