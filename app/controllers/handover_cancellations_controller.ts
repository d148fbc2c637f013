import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { CancelCommitment } from '#actions/handover/cancel_commitment'
import { CancelOtherFunding } from '#actions/handover/cancel_other_funding'
import { CancelTransfer } from '#actions/handover/cancel_transfer'
import HandoverCommitment from '#models/handover_commitment'
import HandoverOtherFunding from '#models/handover_other_funding'
import HandoverTransfer from '#models/handover_transfer'
import HandoverPolicy from '#policies/handover_policy'
import { visibleShelter } from '#queries/handover_plan'
import { cancellationValidator } from '#validators/handover'

/**
 * A cancellation of what an MLSW official recorded with a mistake: a
 * commitment (its transfers go with it), a transfer or another source.
 * Nothing is deleted: the shelter page shows the entry struck through with
 * who cancelled it, when and why, and the correct one is recorded again
 * with the usual forms.
 */
@inject()
export default class HandoverCancellationsController {
  constructor(
    private commitments: CancelCommitment,
    private transfers: CancelTransfer,
    private others: CancelOtherFunding
  ) {}

  /** POST /handover/commitments/:id/cancellation */
  async commitment({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    await bouncer.with(HandoverPolicy).authorize('cancelCommitment')
    const user = auth.getUserOrFail()
    const commitment = await HandoverCommitment.findOrFail(Number(params.id) || 0)
    const shelter = await visibleShelter(user, commitment.shelterId)
    const { reason } = await request.validateUsing(cancellationValidator)
    await this.commitments.handle(commitment.id, reason, user, request.ip())
    session.flash('success', i18n.t('handover.flash.commitment_cancelled'))
    return response.redirect().toPath(`/handover/shelters/${shelter.id}?year=${commitment.year}`)
  }

  /** POST /handover/transfers/:id/cancellation */
  async transfer({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    await bouncer.with(HandoverPolicy).authorize('cancelTransfer')
    const user = auth.getUserOrFail()
    const transfer = await HandoverTransfer.findOrFail(Number(params.id) || 0)
    const shelter = await visibleShelter(user, transfer.shelterId)
    const { reason } = await request.validateUsing(cancellationValidator)
    await this.transfers.handle(transfer.id, reason, user, request.ip())
    session.flash('success', i18n.t('handover.flash.transfer_cancelled'))
    return response.redirect().toPath(`/handover/shelters/${shelter.id}?year=${transfer.year}`)
  }

  /** POST /handover/other-funding/:id/cancellation */
  async otherFunding({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    await bouncer.with(HandoverPolicy).authorize('cancelOtherFunding')
    const user = auth.getUserOrFail()
    const other = await HandoverOtherFunding.findOrFail(Number(params.id) || 0)
    const shelter = await visibleShelter(user, other.shelterId)
    const { reason } = await request.validateUsing(cancellationValidator)
    await this.others.handle(other.id, reason, user, request.ip())
    session.flash('success', i18n.t('handover.flash.other_funding_cancelled'))
    return response.redirect().toPath(`/handover/shelters/${shelter.id}?year=${other.year}`)
  }
}
