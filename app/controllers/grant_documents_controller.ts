import type { HttpContext } from '@adonisjs/core/http'
import Grant from '#models/grant'
import PaymentRequest from '#models/payment_request'
import User from '#models/user'
import { grantFinances } from '#queries/grant_finances'
import { grantContractPdf } from '#services/pdf/grant_contract'
import { paymentOrderPdf } from '#services/pdf/payment_order'

/**
 * The grant contract summary and the payment request / payment order as
 * PDFs, for everyone who can see the grant (404 for anyone else), in the
 * reader's language.
 */
export default class GrantDocumentsController {
  async contract({ auth, params, response, i18n }: HttpContext) {
    const grant = await findVisibleGrant(auth.getUserOrFail(), params.id)
    await grant.load((loader) => loader.load('grantee').load('funder').load('parent'))
    const [finances, signers] = await Promise.all([
      grantFinances(grant),
      usersById([grant.granteeSignedById, grant.funderSignedById]),
    ])
    const pdf = await grantContractPdf(
      {
        grant,
        lines: finances.lines,
        schedule: finances.position.schedule,
        signers: {
          grantee: signers.get(grant.granteeSignedById) ?? null,
          funder: signers.get(grant.funderSignedById) ?? null,
        },
      },
      i18n
    )
    return sendPdf(response, pdf, `contract-${grant.reference}.pdf`)
  }

  async order({ auth, params, response, i18n }: HttpContext) {
    const request = await PaymentRequest.findOrFail(Number(params.id) || 0)
    const grant = await findVisibleGrant(auth.getUserOrFail(), request.grantId)
    await grant.load((loader) => loader.load('grantee').load('funder'))
    await request.load('payment')
    const people = await usersById([
      request.requestedById,
      request.verifiedById,
      request.approvedById,
    ])
    const pdf = await paymentOrderPdf(
      {
        grant,
        request,
        payment: request.payment ?? null,
        people: {
          requestedBy: people.get(request.requestedById) ?? null,
          verifiedBy: people.get(request.verifiedById) ?? null,
          approvedBy: people.get(request.approvedById) ?? null,
        },
      },
      i18n
    )
    return sendPdf(response, pdf, `payment-order-${grant.reference}-${request.number}.pdf`)
  }
}

function findVisibleGrant(user: User, id: unknown) {
  return Grant.query()
    .withScopes((s) => s.visibleTo(user))
    .where('id', Number(id) || 0)
    .firstOrFail()
}

/** The named users, in one query, by id. */
async function usersById(ids: readonly (number | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))]
  const users = wanted.length === 0 ? [] : await User.query().whereIn('id', wanted)
  return new Map<number | null, User>(users.map((user) => [user.id, user]))
}

function sendPdf(response: HttpContext['response'], pdf: Buffer, filename: string) {
  response.header('content-type', 'application/pdf')
  response.header(
    'content-disposition',
    `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, '-')}"`
  )
  return response.send(pdf)
}
