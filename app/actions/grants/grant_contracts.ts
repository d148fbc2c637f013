import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { budgetOf } from '#actions/applications/full_applications'
import { derivePaymentOption, reasonsToText } from '#domain/grants/payment_option'
import { checkSubGrantAward } from '#actions/grants/check_sub_grant_award'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Application from '#models/application'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import GrantCofinancingSource from '#models/grant_cofinancing_source'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import LedgerEntry from '#models/ledger_entry'
import { programmeSettingsAt } from '#services/programme_settings'
import { checkWithinAction } from '#exceptions/outside_action_exception'
import { sendTaskNotice, signatoriesOf } from '#services/task_notices'
import { copyLogframeToGrant } from '#actions/narrative/copy_logframe_to_grant'

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
        .preload('cofinancingRows')
        .firstOrFail()
      if (application.status !== 'awarded')
        throw new DomainConflictException(
          'ux.conflicts.only_an_awarded_application_becomes_a_grant'
        )
      const existing = await Grant.query({ client: trx })
        .where('application_id', application.id)
        .first()
      if (existing) return existing
      if (!application.periodStartOn || !application.periodEndOn) {
        throw new DomainConflictException(
          'ux.conflicts.the_application_has_no_implementation_period'
        )
      }
      const call = application.call
      const budget = budgetOf(call, application, application.budgetLines)
      const startsOn = application.periodStartOn.toISODate()!
      const endsOn = application.periodEndOn.toISODate()!
      const licenceNote = call.parentGrantId
        ? await checkSubGrantAward(trx, call, application, budget.funderCents, startsOn, endsOn)
        : null
      /* The contract copies the settings in force today: later versions never change it. */
      const settings = await programmeSettingsAt(todayInKosovo(), trx)
      /* The implementation period lies within the action in force on the day of the grant. */
      checkWithinAction({ startsOn, endsOn }, settings, {
        start: 'periodStartOn',
        end: 'periodEndOn',
      })
      const paymentOption = derivePaymentOption(
        { startsOn, endsOn, funderCents: budget.funderCents },
        {
          maxMonths: settings.optionOneMaxMonths,
          maxFunderCents: settings.optionOneMaxFunderCents,
        }
      )
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
          prefinancingCapBp: settings.prefinancingCapBp,
          flexibilityBp: settings.flexibilityBp,
          indirectCapBp: settings.indirectCapBp,
          optionOnePrefinancingBp: settings.optionOnePrefinancingBp,
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
      await GrantCofinancingSource.createMany(
        application.cofinancingRows.map((row) => ({
          grantId: grant.id,
          position: row.position,
          kind: row.kind,
          source: row.source,
          currency: row.currency,
          amountCents: row.amountCents,
        })),
        { client: trx }
      )
      await copyLogframeToGrant(trx, application.id, grant.id, by.id)
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
          cofinancingSources: application.cofinancingRows.map((row) => ({
            kind: row.kind,
            source: row.source,
            amountCents: row.amountCents,
          })),
        },
        ip,
      })
      for (const side of ['grantee', 'funder'] as const) {
        await sendTaskNotice(trx, {
          notice: grant.parentGrantId ? 'sub_grant_contract_to_sign' : 'contract_to_sign',
          dedupeKey: `contract_to_sign:${grant.id}:${side}`,
          userIds: await signatoriesOf(trx, grant, side),
          params: { reference: grant.reference },
          href: `/grants/${grant.id}#signature`,
          subjectType: 'grant',
          subjectId: grant.id,
        })
      }
      return grant
    })
  }

  /** Records one side's signature; with both, the grant is signed. */
  async sign(grantId: number, side: 'grantee' | 'funder', by: User, ip: string) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      if (grant.status !== 'draft')
        throw new DomainConflictException('ux.conflicts.only_a_draft_grant_can_be_signed')
      const now = DateTime.utc()
      grant.useTransaction(trx)
      if (side === 'grantee') {
        if (grant.granteeSignedAt)
          throw new DomainConflictException('ux.conflicts.the_grantee_has_already_signed')
        grant.merge({ granteeSignedById: by.id, granteeSignedAt: now })
      } else {
        if (grant.funderSignedAt)
          throw new DomainConflictException('ux.conflicts.the_funder_has_already_signed')
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
      if (grant.status === 'draft') {
        // One side has signed: the other side is asked to countersign.
        const other = side === 'grantee' ? 'funder' : 'grantee'
        await sendTaskNotice(trx, {
          notice: 'contract_countersign',
          dedupeKey: `contract_countersign:${grant.id}:${other}`,
          userIds: await signatoriesOf(trx, grant, other),
          exceptUserId: by.id,
          params: { reference: grant.reference },
          href: `/grants/${grant.id}#signature`,
          subjectType: 'grant',
          subjectId: grant.id,
        })
      }
      return grant
    })
  }
}
