import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import type { GridRow } from '#domain/calls/grid_rows'
import { gridFromRows } from '#domain/calls/grid_rows'
import { SaveCall } from '#actions/calls/save_call'
import { defaultConceptGrid, defaultFullGrid } from '#domain/calls/grid'
import Application from '#models/application'
import Call from '#models/call'
import Grant from '#models/grant'
import type User from '#models/user'
import CallPolicy from '#policies/call_policy'
import { toCsv } from '#services/csv'
import { callValidator } from '#validators/call'
import { asDownload, csvType } from '#services/downloads'
import { ProgrammeSettingsLookup } from '#services/programme_settings'
import { LicenceServiceCatalogue } from '#services/licence_services'

/** The checklist a new call starts with, in the manager's language; they edit it as they like. */
function defaultChecklist(locale: string) {
  const i18n = i18nManager.locale(locale)
  return (['on_time', 'complete', 'non_profit', 'amount_in_range'] as const)
    .map((item) => i18n.t(`texts.call_form.checklist.${item}`))
    .join('\n')
}

/** Calls for proposals: set up by the funder's grant managers, read by everyone once published. */
export default class CallsController {
  async index({ auth, view, request, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const status = request.input('status')
    const calls = await Call.query()
      .withScopes((s) => s.visibleTo(user))
      .if(typeof status === 'string' && status !== '', (q) => q.where('status', status))
      .preload('funder')
      .orderBy('concept_deadline_at', 'desc')
    if (request.input('format') === 'csv') {
      asDownload(response, 'calls.csv', csvType)
      return toCsv(
        [
          'reference',
          'title',
          'funder',
          'procedure',
          'status',
          'envelope_cents',
          'currency',
          'concept_deadline',
        ],
        calls.map((c) => [
          c.reference,
          c.titleIn(i18n.locale),
          c.funder.name,
          c.procedure,
          c.status,
          c.budgetEnvelopeCents,
          c.currency,
          c.conceptDeadlineAt.toISO(),
        ])
      )
    }
    return view.render('pages/calls/index', { calls, status: status ?? '' })
  }

  async create(ctx: HttpContext) {
    const { view, bouncer, auth, i18n } = ctx
    await bouncer.with(CallPolicy).authorize('create')
    return view.render('pages/calls/form', {
      call: null,
      ...(await this.formData(auth.getUserOrFail(), i18n.locale)),
      settings: await ProgrammeSettingsLookup.forRequest(ctx).current(),
    })
  }

  @inject()
  async store(
    { auth, request, response, session, bouncer, i18n }: HttpContext,
    saveCall: SaveCall
  ) {
    await bouncer.with(CallPolicy).authorize('create')
    const user = auth.getUserOrFail()
    gridsFromEditor(request)
    const input = await request.validateUsing(callValidator)
    const funder = user.memberships.find(
      (m) =>
        m.role === 'grant_manager' &&
        ['contracting_authority', 'lead_grantee'].includes(m.organisation.kind)
    )!
    const result = await saveCall.handle(
      null,
      funder.organisationId,
      input,
      user,
      request.ip(),
      i18n
    )
    if (!result.ok) {
      session.flashAll()
      session.flashErrors(result.errors)
      return response.redirect().back()
    }
    session.flash('success', i18n.t('messages.calls.saved'))
    return response.redirect().toPath(`/calls/${result.call.id}`)
  }

  async show({ auth, params, view, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const call = await this.find(user, params.id)
    await call.load('funder')
    const mayManage = await bouncer.with(CallPolicy).allows('manage', call)
    const applications = mayManage
      ? await Application.query().where('call_id', call.id).preload('organisation').orderBy('id')
      : await Application.query()
          .where('call_id', call.id)
          .whereIn(
            'organisation_id',
            user.memberships.map((m) => m.organisationId)
          )
          .preload('organisation')
    return view.render('pages/calls/show', {
      call,
      applications,
      mayManage,
      serviceNames: await new LicenceServiceCatalogue().names(i18n.locale),
    })
  }

  async edit(ctx: HttpContext) {
    const { auth, params, view, bouncer, i18n } = ctx
    const call = await this.find(auth.getUserOrFail(), params.id)
    await bouncer.with(CallPolicy).authorize('edit', call)
    return view.render('pages/calls/form', {
      call,
      ...(await this.formData(auth.getUserOrFail(), i18n.locale, call.eligibleServices)),
      settings: await ProgrammeSettingsLookup.forRequest(ctx).current(),
    })
  }

  @inject()
  async update(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    saveCall: SaveCall
  ) {
    const user = auth.getUserOrFail()
    const call = await this.find(user, params.id)
    await bouncer.with(CallPolicy).authorize('edit', call)
    gridsFromEditor(request)
    /* A service retired since it was chosen may stay on the call. */
    const input = await request.validateUsing(callValidator, {
      meta: { keptServices: call.eligibleServices },
    })
    const result = await saveCall.handle(
      call,
      call.funderOrganisationId,
      input,
      user,
      request.ip(),
      i18n
    )
    if (!result.ok) {
      session.flashAll()
      session.flashErrors(result.errors)
      return response.redirect().back()
    }
    session.flash('success', i18n.t('messages.calls.saved'))
    return response.redirect().toPath(`/calls/${call.id}`)
  }

  /** The parent grants a sub-granting call can spend from: the funder's own grants. */
  private async formData(user: User, locale: string, kept: readonly string[] = []) {
    const funderIds = user.memberships
      .filter((m) => m.role === 'grant_manager')
      .map((m) => m.organisationId)
    const parentGrants = await Grant.query()
      .whereIn('grantee_organisation_id', funderIds)
      .orderBy('reference')
    return {
      parentGrants,
      serviceOptions: await new LicenceServiceCatalogue().options(locale, kept),
      defaultGrids: { conceptGrid: defaultConceptGrid, fullGrid: defaultFullGrid },
      defaults: {
        conceptGrid: JSON.stringify(defaultConceptGrid, null, 2),
        fullGrid: JSON.stringify(defaultFullGrid, null, 2),
        checklist: defaultChecklist(locale),
      },
    }
  }

  private find(user: User, id: unknown) {
    return Call.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(id) || 0)
      .firstOrFail()
  }
}

/** The grid editor posts rows (`conceptGridRows`, `fullGridRows`); they become the grid's JSON. */
function gridsFromEditor(request: HttpContext['request']) {
  const body = request.body()
  const changes: Record<string, string> = {}
  for (const name of ['conceptGrid', 'fullGrid']) {
    const rows = body[`${name}Rows`]
    if (rows && typeof rows === 'object') {
      const list = (Array.isArray(rows) ? rows : Object.values(rows)) as GridRow[]
      changes[name] = JSON.stringify(gridFromRows(list, body[`${name}Threshold`]))
    }
  }
  if (Object.keys(changes).length > 0) request.updateBody({ ...body, ...changes })
}
