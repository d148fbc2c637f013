import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { visibleGrant, visiblePaymentRequest } from '#queries/grant_access'
import { grantFinances } from '#queries/grant_finances'
import { DOCUMENT_ZONE, grantContractPdf } from '#services/pdf/grant_contract'
import { paymentOrderPdf } from '#services/pdf/payment_order'
import OrganisationBankAccount from '#models/organisation_bank_account'
import { asDownload } from '#services/downloads'
import { programmeSettingsAt } from '#services/programme_settings'

/**
 * The grant contract summary and the payment request / payment order as
 * PDFs, for everyone who can see the grant (404 for anyone else), in the
 * reader's language.
 */
export default class GrantDocumentsController {
  async contract({ auth, params, response, i18n }: HttpContext) {
    const grant = await visibleGrant(auth.getUserOrFail(), params.id)
    await grant.load((loader) => loader.load('grantee').load('funder').load('parent'))
    const [finances, signers] = await Promise.all([
      grantFinances(grant),
      usersById([grant.granteeSignedById, grant.funderSignedById]),
    ])
    /* The action as the settings named it when the contract was prepared. */
    const settings = await programmeSettingsAt(grant.createdAt.setZone(DOCUMENT_ZONE).toISODate()!)
    const pdf = await grantContractPdf(
      {
        grant,
        action: { title: settings.actionTitle, decisionNumber: settings.decisionNumber },
        lines: finances.lines,
        schedule: finances.position.schedule,
        signers: {
          grantee: signers.get(grant.granteeSignedById) ?? null,
          funder: signers.get(grant.funderSignedById) ?? null,
        },
      },
      i18n
    )
    asDownload(response, `contract-${grant.reference}.pdf`, 'application/pdf')
    return response.send(pdf)
  }

  async order({ auth, params, response, i18n }: HttpContext) {
    const { request, grant } = await visiblePaymentRequest(auth.getUserOrFail(), params.id)
    await grant.load((loader) => loader.load('grantee').load('funder'))
    await request.load('payment')
    const people = await usersById([
      request.requestedById,
      request.verifiedById,
      request.approvedById,
    ])
    const payee = await OrganisationBankAccount.query()
      .where({ organisationId: grant.granteeOrganisationId, isPrimary: true })
      .first()
    const pdf = await paymentOrderPdf(
      {
        grant,
        request,
        payee,
        payment: request.payment ?? null,
        people: {
          requestedBy: people.get(request.requestedById) ?? null,
          verifiedBy: people.get(request.verifiedById) ?? null,
          approvedBy: people.get(request.approvedById) ?? null,
        },
      },
      i18n
    )
    asDownload(
      response,
      `payment-order-${grant.reference}-${request.number}.pdf`,
      'application/pdf'
    )
    return response.send(pdf)
  }
}

/** The named users, in one query, by id. */
async function usersById(ids: readonly (number | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))]
  const users = wanted.length === 0 ? [] : await User.query().whereIn('id', wanted)
  return new Map<number | null, User>(users.map((user) => [user.id, user]))
}
