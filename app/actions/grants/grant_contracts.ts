import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { budgetOf } from '#actions/applications/full_applications'
import { derivePaymentOption, reasonsToText } from '#domain/grants/payment_option'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Application from '#models/application'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { subGrantAwardProblems } from '#domain/grants/sub_grant_award'
import { formatMoney } from '#domain/money'
import type { LicenceService } from '#domain/licences/licence'
import Call from '#models/call'
import FstpException from '#models/fstp_exception'
import LedgerEntry from '#models/ledger_entry'
import { currentBudgetLines } from '#queries/grant_finances'
import { licenceCoverage } from '#queries/licence_coverage'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Grants from awards: the contract is prepared from the awarded full
 * application (its budget copied as version 1, the funder contribution
 * and co-financing exact), then signed by each side.
 */
export class GrantContracts {
  async createFromAward(applicationId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const application = await Application.query({ client: trx })
        .where('id', applicationId)
        .preload('call')
        .preload('budgetLines')
        .firstOrFail()
      if (application.status !== 'awarded')
        throw new DomainConflictException('Only an awarded application becomes a grant.')
      const existing = await Grant.query({ client: trx })
        .where('application_id', application.id)
        .first()
      if (existing) return existing
      if (!application.periodStartOn || !application.periodEndOn) {
        throw new DomainConflictException('The application has no implementation period.')
      }
      const call = application.call
      const budget = budgetOf(call, application, application.budgetLines)
      const startsOn = application.periodStartOn.toISODate()!
      const endsOn = application.periodEndOn.toISODate()!
      const licenceNote = call.parentGrantId
        ? await checkSubGrantAward(trx, call, application, budget.funderCents, startsOn, endsOn)
        : null
      const paymentOption = derivePaymentOption({
        startsOn,
        endsOn,
        funderCents: budget.funderCents,
      })
      const count = await Grant.query({ client: trx })
        .where('funder_organisation_id', call.funderOrganisationId)
        .count('* as total')
      const grant = await Grant.create(
        {
          reference: `${call.reference}/G${String(Number(count[0].$extras.total) + 1).padStart(2, '0')}`,
          applicationId: application.id,
          callId: call.id,
          granteeOrganisationId: application.organisationId,
          funderOrganisationId: call.funderOrganisationId,
          parentGrantId: call.parentGrantId,
          currency: application.currency,
          totalEligibleCents: budget.totalEligibleCents,
          funderCents: budget.funderCents,
          cofinancingCents: budget.cofinancingCents,
          paymentOption: paymentOption.option,
          paymentOptionReason: reasonsToText(paymentOption.reasons),
          optionOneMaxMonths: paymentOption.maxMonths,
          optionOneMaxFunderCents: paymentOption.maxFunderCents,
          prefinancingCapBp: 9000,
          startsOn: DateTime.fromISO(startsOn),
          endsOn: DateTime.fromISO(endsOn),
          reportingPeriodMonths: 12,
          status: 'draft',
          createdById: by.id,
          statusReason: null,
          licenceNote,
        },
        { client: trx }
      )
      await GrantBudgetLine.createMany(
        application.budgetLines.map((line, index) => ({
          grantId: grant.id,
          version: 1,
          position: line.position,
          heading: line.heading,
          label: line.label,
          unit: line.unit,
          quantityHundredths: line.quantityHundredths,
          unitCostCents: line.unitCostCents,
          totalCents: budget.lineTotalsCents[index],
          thirdParty: line.thirdParty,
        })),
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: application.organisationId,
        action: 'grant.created',
        subjectType: 'grant',
        subjectId: grant.id,
        after: {
          reference: grant.reference,
          totalEligibleCents: grant.totalEligibleCents,
          funderCents: grant.funderCents,
          cofinancingCents: grant.cofinancingCents,
          paymentOption: grant.paymentOption,
          paymentOptionReason: grant.paymentOptionReason,
          licenceNote,
        },
        ip,
      })
      return grant
    })
  }

  /** Records one side's signature; with both, the grant is signed. */
  async sign(grantId: number, side: 'grantee' | 'funder', by: User, ip: string) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      if (grant.status !== 'draft')
        throw new DomainConflictException('Only a draft grant can be signed.')
      const now = DateTime.utc()
      grant.useTransaction(trx)
      if (side === 'grantee') {
        if (grant.granteeSignedAt)
          throw new DomainConflictException('The grantee has already signed.')
        grant.merge({ granteeSignedById: by.id, granteeSignedAt: now })
      } else {
        if (grant.funderSignedAt)
          throw new DomainConflictException('The funder has already signed.')
        grant.merge({ funderSignedById: by.id, funderSignedAt: now })
      }
      if (grant.granteeSignedAt && grant.funderSignedAt) grant.status = 'signed'
      await grant.save()
      if (grant.status === 'signed') {
        await LedgerEntry.create(
          {
            grantId: grant.id,
            kind: 'commitment',
            currency: grant.currency,
            amountCents: grant.funderCents,
            bookedOn: DateTime.fromISO(todayInKosovo(now)),
            paymentId: null,
            recoveryOrderId: null,
            description: `Commitment of ${grant.reference}`,
            createdById: by.id,
          },
          { client: trx }
        )
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: `grant.signed_by_${side}`,
        subjectType: 'grant',
        subjectId: grant.id,
        before: { status: 'draft' },
        after: { status: grant.status, side },
        ip,
      })
      return grant
    })
  }
}

/**
 * A sub-grant must fit the lead grant's FSTP rules and the shelter's
 * licence. Returns the note recorded when the licence renewal is pending.
 */
async function checkSubGrantAward(
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
  const exception = await FstpException.query({ client: trx })
    .where('parent_grant_id', parent.id)
    .where('application_id', application.id)
    .where('status', 'approved')
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
  const problems = subGrantAwardProblems({
    amountCents,
    capCents,
    approvedExceptionCents: exception?.amountCents ?? null,
    fstpLineCents,
    committedCents: Number(committed[0]?.$extras.total ?? 0),
    coverage,
  })
  if (problems.length > 0) {
    throw new DomainConflictException(
      problems
        .map((p) => {
          switch (p.code) {
            case 'OVER_THIRD_PARTY_CAP':
              return `The sub-grant is over the per-third-party cap of ${formatMoney(p.capCents)} and no exception was approved by the funder.`
            case 'OVER_FSTP_LINE':
              return `The sub-grants would exceed the FSTP line of ${formatMoney(p.lineCents)} (${formatMoney(p.committedCents)} already awarded).`
            case 'LICENCE_NOT_COVERING':
              return `The shelter's licence does not cover the sub-grant period (${p.reason}).`
          }
        })
        .join(' ')
    )
  }
  if (coverage.covered) return null
  const first = coverage.reasons[0]
  return `Licence renewal pending at award; cover ends ${first?.date ?? startsOn}.`
}
