import type { Coverage } from '#domain/licences/coverage'
import { checkCoverage } from '#domain/licences/coverage'
import type { LicenceService } from '#domain/licences/licence'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Licence from '#models/licence'

/** Runs the coverage rule on an organisation's licences as stored. */
export async function licenceCoverage(
  organisationId: number,
  service: LicenceService,
  from: string,
  to: string,
  client?: QueryClientContract
): Promise<{ coverage: Coverage; licences: Licence[] }> {
  const licences = await Licence.query({ client })
    .where('organisation_id', organisationId)
    .withScopes((s) => s.withFacts())
    .orderBy('issued_on')
    .orderBy('id')
  const coverage = checkCoverage(
    licences.map((licence) => licence.toFacts()),
    service,
    from,
    to
  )
  return { coverage, licences }
}
