import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { DecideContingencyRelease } from '#actions/grants/decide_contingency_release'
import { RequestContingencyRelease } from '#actions/grants/request_contingency_release'
import { contingencyOf } from '#actions/grants/contingency_release_support'
import { releaseHeadings } from '#domain/grants/contingency'
import { activeGrantStatuses } from '#domain/grants/grant_terms'
import ContingencyRelease from '#models/contingency_release'
import type User from '#models/user'
import ContingencyReleasePolicy from '#policies/contingency_release_policy'
import { visibleGrant } from '#queries/grant_access'
import {
  apiRequestContingencyReleaseValidator,
  contingencyReleaseDecisionValidator,
  requestContingencyReleaseValidator,
} from '#validators/contingency_release'

/**
 * Contingency releases (DOMAIN-RULES §3): the grantee requests to move an
 * amount from the contingency reserve to a heading, the funder's grant
 * manager decides. Pages under /grants/:id/contingency-releases and
 * /contingency-releases/:id; the same through the API.
 */
@inject()
export default class ContingencyReleasesController {
  constructor(
    private requestRelease: RequestContingencyRelease,
    private decideRelease: DecideContingencyRelease
  ) {}

  /** GET /grants/:id/contingency-releases: the reserve, the releases and the request form. */
  async index({ auth, params, view }: HttpContext) {
    const grant = await visibleGrant(auth.getUserOrFail(), params.id)
    const { position } = await contingencyOf(grant)
    const releases = await ContingencyRelease.ofGrant(grant.id)
      .preload('requestedBy')
      .preload('decidedBy')
    return view.render('pages/contingency_releases/index', {
      grant,
      releases,
      position,
      headings: releaseHeadings,
      canRequest: activeGrantStatuses.includes(grant.status) && position.remainingCents > 0,
    })
  }

  /** POST /grants/:id/contingency-releases */
  async store({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(ContingencyReleasePolicy).authorize('request', grant)
    const input = await request.validateUsing(requestContingencyReleaseValidator)
    const release = await this.requestRelease.handle(
      grant.id,
      { heading: input.heading, amountCents: input.amount, justification: input.justification },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('contingency.flash.requested'))
    return response.redirect().toPath(`/contingency-releases/${release.id}`)
  }

  /** GET /contingency-releases/:id: the request and the decision form. */
  async show({ auth, params, view }: HttpContext) {
    const release = await visibleRelease(auth.getUserOrFail(), params.id)
    await release.load((loader) => loader.load('requestedBy').load('decidedBy'))
    const { position } = await contingencyOf(release.grant)
    return view.render('pages/contingency_releases/show', {
      release,
      grant: release.grant,
      position,
    })
  }

  /** POST /contingency-releases/:id/decision */
  async decide({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const release = await visibleRelease(user, params.id)
    const input = await request.validateUsing(contingencyReleaseDecisionValidator)
    await bouncer.with(ContingencyReleasePolicy).authorize(input.decision, release)
    await this.decideRelease.handle(release.id, input.decision, input.comment, user, request.ip())
    session.flash('success', i18n.t(`contingency.flash.${input.decision}d`))
    return response.redirect().toPath(`/contingency-releases/${release.id}`)
  }

  /** GET /api/v1/grants/:id/contingency-releases */
  async apiIndex({ auth, params }: HttpContext) {
    const grant = await visibleGrant(auth.use('api').getUserOrFail(), params.id)
    const { releases, position } = await contingencyOf(grant)
    return { data: { grantId: grant.id, ...position, releases: releases.map(releaseJson) } }
  }

  /** POST /api/v1/grants/:id/contingency-releases */
  async apiStore({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(ContingencyReleasePolicy).authorize('request', grant)
    const input = await request.validateUsing(apiRequestContingencyReleaseValidator)
    const release = await this.requestRelease.handle(grant.id, input, user, request.ip())
    return response.created({ data: releaseJson(release) })
  }

  /** POST /api/v1/contingency-releases/:id/decision */
  async apiDecide({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const release = await visibleRelease(user, params.id)
    const input = await request.validateUsing(contingencyReleaseDecisionValidator)
    await bouncer.with(ContingencyReleasePolicy).authorize(input.decision, release)
    const decided = await this.decideRelease.handle(
      release.id,
      input.decision,
      input.comment,
      user,
      request.ip()
    )
    return { data: releaseJson(decided) }
  }
}

/** A release of a grant the user may see, with its grant (404 otherwise). */
async function visibleRelease(user: User, id: unknown) {
  const release = await ContingencyRelease.findOrFail(Number(id) || 0)
  release.$setRelated('grant', await visibleGrant(user, release.grantId))
  return release
}

/** The API shape of a contingency release: amounts in integer cents. */
export function releaseJson(release: ContingencyRelease) {
  return {
    id: release.id,
    grantId: release.grantId,
    heading: release.heading,
    amountCents: release.amountCents,
    currency: release.currency,
    justification: release.justification,
    status: release.status,
    requestedById: release.requestedById,
    decidedById: release.decidedById,
    decidedAt: release.decidedAt?.toISO() ?? null,
    decisionComment: release.decisionComment,
    createdAt: release.createdAt.toISO(),
  }
}
