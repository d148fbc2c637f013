import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { subGrantAwardProblems } from '#domain/grants/sub_grant_award'
import type { LicenceService } from '#domain/licences/licence'
import RuleRefusalException, { type RuleRefusal } from '#exceptions/rule_refusal_exception'
import Application from '#models/application'
import Call from '#models/call'
import FstpException from '#models/fstp_exception'
import Grant, { renewalPendingNote } from '#models/grant'
import Organisation from '#models/organisation'
import { currentBudgetLines } from '#queries/grant_finances'
import { licenceCoverage } from '#queries/licence_coverage'

/**
 * A sub-grant must fit the lead grant's FSTP rules and the shelter's
 * licence (DOMAIN-RULES §3, §7). The lead grant is locked first (FOR
 * UPDATE on PostgreSQL), so two awards under it run one after the other
 * and the second sees the first one's F. Throws a RuleRefusalException;
 * returns the note recorded when the licence renewal is pending
 * (`renewal_pending:<date the cover ends>`, said in words by the grant).
 */
export async function checkSubGrantAward(
  trx: TransactionClientContract,
  call: Call,
  application: Application,
  amountCents: number,
  startsOn: string,
  endsOn: string
) {
  const parent = await Grant.findForUpdate(trx, call.parentGrantId!)
  const parentCall = parent.callId ? await Call.find(parent.callId, { client: trx }) : null
  const capCents = parentCall?.maxPerThirdPartyCents ?? call.maxPerThirdPartyCents
  const lines = await currentBudgetLines(parent, trx)
  const fstpLineCents = lines
    .filter((line) => line.heading === 'other' && line.thirdParty)
    .reduce((total, line) => total + line.totalCents, 0)
  const committed = await Grant.query({ client: trx })
    .where('parent_grant_id', parent.id)
    .sum('funder_cents as total')
  // The same third party's sub-grants under this lead grant, at their current F.
  const ownAwarded = await Grant.query({ client: trx })
    .where('parent_grant_id', parent.id)
    .where('grantee_organisation_id', application.organisationId)
    .sum('funder_cents as total')
  // An approved exception for any of this third party's applications under the lead grant.
  const exception = await FstpException.query({ client: trx })
    .where('parent_grant_id', parent.id)
    .where('status', 'approved')
    .whereIn(
      'application_id',
      Application.query({ client: trx })
        .where('organisation_id', application.organisationId)
        .select('id')
    )
    .orderBy('amount_cents', 'desc')
    .first()
  const services: LicenceService[] =
    call.eligibleServices.length > 0 ? call.eligibleServices : ['residential_vot']
  const coverages = []
  for (const service of services) {
    const { coverage } = await licenceCoverage(
      application.organisationId,
      service,
      startsOn,
      endsOn,
      trx
    )
    coverages.push(coverage)
  }
  const coverage = {
    covered: coverages.every((c) => c.covered),
    reasons: coverages.flatMap((c) => c.reasons),
    renewalPending: coverages.every((c) => c.covered || c.renewalPending),
  }
  const thirdPartyAwardedCents = Number(ownAwarded[0]?.$extras.total ?? 0)
  const problems = subGrantAwardProblems({
    amountCents,
    capCents,
    approvedExceptionCents: exception?.amountCents ?? null,
    fstpLineCents,
    committedCents: Number(committed[0]?.$extras.total ?? 0),
    thirdPartyAwardedCents,
    coverage,
  })
  if (problems.length > 0) {
    const organisation = await Organisation.findOrFail(application.organisationId, { client: trx })
    const refusals = problems.map((p): RuleRefusal => {
      switch (p.code) {
        case 'OVER_THIRD_PARTY_CAP':
          return {
            key: p.isException ? 'third_party_exception' : 'third_party_cap',
            field: 'amount',
            data: {
              organisation: organisation.name,
              totalCents: p.thirdPartyAwardedCents + amountCents,
              awardedCents: p.thirdPartyAwardedCents,
              capCents: p.capCents,
            },
          }
        case 'OVER_FSTP_LINE':
          return {
            key: 'fstp_line',
            field: 'amount',
            data: { lineCents: p.lineCents, committedCents: p.committedCents },
          }
        case 'LICENCE_NOT_COVERING':
          return { key: 'licence', field: 'licence', data: { reason: p.reason } }
      }
    })
    throw new RuleRefusalException(refusals, parent.currency)
  }
  if (coverage.covered) return null
  const first = coverage.reasons[0]
  return `${renewalPendingNote}${first?.date ?? startsOn}`
}
