import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { DecideRenewal } from '#actions/licences/decide_renewal'
import { GrantLicence } from '#actions/licences/grant_licence'
import { RecordLicenceDecision } from '#actions/licences/record_licence_decision'
import { RequestRenewal } from '#actions/licences/request_renewal'
import Licence from '#models/licence'
import type User from '#models/user'
import Organisation from '#models/organisation'
import LicencePolicy from '#policies/licence_policy'
import { licenceCoverage } from '#queries/licence_coverage'
import { todayInKosovo } from '#services/clock'
import { licenceJson } from '#transformers/licence_transformer'
import {
  createLicenceValidator,
  licenceCheckValidator,
  licenceDecisionValidator,
  renewalGrantValidator,
  renewalRefusalValidator,
  renewalRequestValidator,
} from '#validators/licence'

/** Licences through the API: reading for everyone who may see them, decisions for MLSW officials. */
export default class LicencesController {
  /** GET /api/v1/licence-checks */
  async check({ auth, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const input = await request.validateUsing(licenceCheckValidator, { data: request.qs() })
    await Organisation.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', input.organisationId)
      .firstOrFail()
    const { coverage, licences } = await licenceCoverage(
      input.organisationId,
      input.service,
      input.from,
      input.to
    )
    const i18n = i18nManager.locale(i18nManager.defaultLocale)
    const today = todayInKosovo()
    return {
      covered: coverage.covered,
      renewalPending: coverage.renewalPending,
      reasons: coverage.reasons.map((reason) => ({
        code: reason.code,
        message: i18n.t(`messages.licences.reasons.${reason.code}`, { date: reason.date }),
        date: reason.date,
      })),
      licences: licences.map((licence) => licenceJson(licence, today)),
    }
  }

  /** GET /api/v1/organisations/:id/licences */
  async index({ auth, params }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const organisation = await this.visibleOrganisation(user, params.id)
    const licences = await Licence.query()
      .where('organisation_id', organisation.id)
      .withScopes((s) => s.withFacts())
      .orderBy('issued_on', 'desc')
    const today = todayInKosovo()
    return { data: licences.map((licence) => licenceJson(licence, today)) }
  }

  /** POST /api/v1/organisations/:id/licences */
  @inject()
  async store(
    { auth, params, request, response, bouncer }: HttpContext,
    grantLicence: GrantLicence
  ) {
    const user = auth.use('api').getUserOrFail()
    const organisation = await this.visibleOrganisation(user, params.id)
    await bouncer.with(LicencePolicy).authorize('create')
    const data = await request.validateUsing(createLicenceValidator, {
      data: { ...request.body(), organisationId: organisation.id },
    })
    const licence = await grantLicence.handle(data, user, request.ip())
    return response.created({ data: await this.fresh(licence.id) })
  }

  /** POST /api/v1/licences/:id/decisions */
  @inject()
  async decide(
    { auth, params, request, bouncer }: HttpContext,
    recordDecision: RecordLicenceDecision
  ) {
    const user = auth.use('api').getUserOrFail()
    const licence = await this.visibleLicence(user, params.id)
    await bouncer.with(LicencePolicy).authorize('decide')
    const data = await request.validateUsing(licenceDecisionValidator)
    await recordDecision.handle(
      licence.id,
      data.kind,
      data.effectiveOn,
      data.reason,
      user,
      request.ip()
    )
    return { data: await this.fresh(licence.id) }
  }

  /** POST /api/v1/licences/:id/renewal */
  @inject()
  async requestRenewal(
    { auth, params, request, bouncer, response }: HttpContext,
    requestRenewal: RequestRenewal
  ) {
    const user = auth.use('api').getUserOrFail()
    const licence = await this.visibleLicence(user, params.id)
    await bouncer.with(LicencePolicy).authorize('renew')
    const data = await request.validateUsing(renewalRequestValidator)
    await requestRenewal.handle(licence.id, data.requestedOn, user, request.ip())
    return response.created({ data: await this.fresh(licence.id) })
  }

  /** POST /api/v1/licences/:id/renewal/grant */
  @inject()
  async grantRenewal(
    { auth, params, request, bouncer, response }: HttpContext,
    decideRenewal: DecideRenewal
  ) {
    const user = auth.use('api').getUserOrFail()
    const licence = await this.visibleLicence(user, params.id)
    await bouncer.with(LicencePolicy).authorize('renew')
    /* A renewal may keep a service retired since the licence was issued. */
    const data = await request.validateUsing(renewalGrantValidator, {
      meta: { keptServices: licence.services },
    })
    const created = await decideRenewal.grant(licence.id, data, user, request.ip())
    return response.created({ data: await this.fresh(created.id) })
  }

  /** POST /api/v1/licences/:id/renewal/refusal */
  @inject()
  async refuseRenewal(
    { auth, params, request, bouncer }: HttpContext,
    decideRenewal: DecideRenewal
  ) {
    const user = auth.use('api').getUserOrFail()
    const licence = await this.visibleLicence(user, params.id)
    await bouncer.with(LicencePolicy).authorize('renew')
    const data = await request.validateUsing(renewalRefusalValidator)
    await decideRenewal.refuse(licence.id, data.decidedOn, data.reason, user, request.ip())
    return { data: await this.fresh(licence.id) }
  }

  private visibleOrganisation(user: User, id: unknown) {
    return Organisation.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(id) || 0)
      .firstOrFail()
  }

  private visibleLicence(user: User, id: unknown) {
    return Licence.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(id) || 0)
      .firstOrFail()
  }

  private async fresh(id: number) {
    const licence = await Licence.query()
      .where('id', id)
      .withScopes((s) => s.withFacts())
      .firstOrFail()
    return licenceJson(licence, todayInKosovo())
  }
}
