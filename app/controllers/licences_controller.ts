import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { GrantLicence } from '#actions/licences/grant_licence'
import { licenceLevels } from '#domain/licences/licence'
import { LicenceServiceCatalogue } from '#services/licence_services'
import Licence from '#models/licence'
import Organisation from '#models/organisation'
import Shelter from '#models/shelter'
import LicencePolicy from '#policies/licence_policy'
import { LicenceList } from '#queries/licence_list'
import { todayInKosovo } from '#services/clock'
import { toCsv } from '#services/csv'
import { FileStore } from '#services/file_store'
import { createLicenceValidator, licenceFilterValidator } from '#validators/licence'
import { asDownload, csvType } from '#services/downloads'

/** The licence register: everyone reads what they may see; MLSW officials record. */
export default class LicencesController {
  async index({ auth, request, view, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const filters = await licenceFilterValidator.validate(request.qs())
    const today = todayInKosovo()
    const list = new LicenceList(user, filters, today)
    if (filters.format === 'csv') {
      const rows = await list.rows()
      asDownload(response, 'licences.csv', csvType)
      return toCsv(
        ['number', 'holder', 'shelter', 'level', 'services', 'issued_on', 'valid_until', 'status'],
        rows.map(({ licence, status }) => [
          licence.number,
          licence.organisation.name,
          licence.shelter?.name ?? '',
          licence.level,
          licence.services.join(' '),
          licence.issuedOn.toISODate(),
          licence.validUntil.toISODate(),
          i18n.t(`messages.licence_statuses.${status}`),
        ])
      )
    }
    return view.render('pages/licences/index', {
      page: await list.page(),
      filters,
      today,
      serviceNames: await new LicenceServiceCatalogue().names(i18n.locale),
    })
  }

  async create({ view, bouncer, request, i18n }: HttpContext) {
    await bouncer.with(LicencePolicy).authorize('create')
    const organisations = await Organisation.query().where('kind', 'ngo').orderBy('name')
    const shelters = await Shelter.query().orderBy('name')
    return view.render('pages/licences/create', {
      organisations,
      shelters,
      levels: licenceLevels,
      serviceOptions: await new LicenceServiceCatalogue().options(i18n.locale),
      organisationId: request.input('organisationId', ''),
    })
  }

  @inject()
  async store(
    { auth, request, response, session, bouncer, i18n }: HttpContext,
    grantLicence: GrantLicence
  ) {
    await bouncer.with(LicencePolicy).authorize('create')
    const data = await request.validateUsing(createLicenceValidator)
    const upload = await FileStore.accept(request.file('decisionFile'), 'licences', [
      'application/pdf',
    ])
    if (!upload.ok) {
      session.flashAll()
      session.flashErrors({ decisionFile: i18n.t(`messages.files.${upload.reason}`) })
      return response.redirect().back()
    }
    const decisionFile = upload.file
    const licence = await grantLicence.handle(
      { ...data, decisionFile },
      auth.getUserOrFail(),
      request.ip()
    )
    session.flash('success', i18n.t('messages.licences.granted', { number: licence.number }))
    return response.redirect().toPath(`/licences/${licence.id}`)
  }

  async show({ auth, params, view, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const licence = await Licence.query()
      .withScopes((s) => s.visibleTo(user))
      .withScopes((s) => s.withFacts())
      .preload('organisation')
      .preload('shelter')
      .preload('decisions', (d) => d.preload('decidedBy').orderBy('effective_on').orderBy('id'))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    const related = await Licence.query()
      .where((w) => {
        w.where('replaces_licence_id', licence.id)
        if (licence.replacesLicenceId) w.orWhere('id', licence.replacesLicenceId)
      })
      .orderBy('issued_on')
    const today = todayInKosovo()
    return view.render('pages/licences/show', {
      licence,
      related,
      status: licence.statusOn(today),
      today,
      levels: licenceLevels,
      serviceNames: await new LicenceServiceCatalogue().names(i18n.locale),
    })
  }

  /** The scanned decision, streamed to those who may see the licence. */
  async file({ auth, params, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const licence = await Licence.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .whereNotNull('decision_file_key')
      .firstOrFail()
    const bytes = await FileStore.read(licence.decisionFileKey!)
    asDownload(response, `licence-${licence.id}.pdf`, 'application/pdf', 'inline')
    return response.send(Buffer.from(bytes))
  }
}
