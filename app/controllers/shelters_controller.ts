import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { RecordStaffLicence } from '#actions/shelters/record_staff_licence'
import { SaveShelter } from '#actions/shelters/save_shelter'
import { staffLicenceSummary, targetGroups } from '#domain/shelters'
import Licence from '#models/licence'
import Municipality from '#models/municipality'
import Organisation from '#models/organisation'
import Shelter from '#models/shelter'
import type User from '#models/user'
import ShelterPolicy from '#policies/shelter_policy'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { toCsv } from '#services/csv'
import {
  shelterFilterValidator,
  shelterValidator,
  staffLicenceValidator,
} from '#validators/shelter'
import { asDownload, csvType } from '#services/downloads'
import { isRecordId } from '#validators/ids'

/** Shelters of the NGOs. The confidential address is shown only to the NGO and the MLSW, and never exported. */
export default class SheltersController {
  async index({ auth, view, request, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const filters = await shelterFilterValidator.validate(request.qs())
    const query = Shelter.query()
      .withScopes((s) => s.visibleTo(user))
      .preload('organisation')
      .preload('municipality')
      .orderBy('name')
    if (filters.q) query.whereILike('name', `%${filters.q}%`)
    if (filters.municipalityCode) query.where('municipality_code', filters.municipalityCode)
    if (filters.targetGroup) query.whereLike('target_groups', `%"${filters.targetGroup}"%`)
    const shelters = await query
    if (request.input('format') === 'csv') {
      asDownload(response, 'shelters.csv', csvType)
      return toCsv(
        [
          'id',
          'name',
          'organisation',
          'municipality',
          'capacity_beds',
          'target_groups',
          'opened_on',
        ],
        shelters.map((s) => [
          s.id,
          s.name,
          s.organisation.name,
          s.municipality.nameIn(i18n.locale),
          s.capacityBeds,
          s.targetGroups.join(' '),
          s.openedOn?.toISODate() ?? '',
        ])
      )
    }
    const ownOrganisations = user.memberships
      .filter((m) => m.role === 'applicant')
      .map((m) => m.organisation)
    const municipalities = await Municipality.query().orderBy('name_en')
    return view.render('pages/shelters/index', {
      shelters,
      ownOrganisations,
      filters,
      municipalities,
      targetGroups,
    })
  }

  async create({ auth, request, view, bouncer }: HttpContext) {
    const organisation = await this.organisation(
      auth.getUserOrFail(),
      request.input('organisationId')
    )
    await bouncer.with(ShelterPolicy).authorize('create', organisation.id)
    const municipalities = await Municipality.offeredOn(todayInKosovo())
    return view.render('pages/shelters/form', {
      organisation,
      shelter: null,
      municipalities,
      targetGroups,
      mayReadAddress: await bouncer.with(ShelterPolicy).allows('enterAddress', organisation.id),
    })
  }

  @inject()
  async store(
    { auth, request, response, session, bouncer, i18n }: HttpContext,
    saveShelter: SaveShelter
  ) {
    const user = auth.getUserOrFail()
    const organisation = await this.organisation(user, request.input('organisationId'))
    await bouncer.with(ShelterPolicy).authorize('create', organisation.id)
    const data = await request.validateUsing(shelterValidator)
    const mayEnterAddress = await bouncer
      .with(ShelterPolicy)
      .allows('enterAddress', organisation.id)
    const shelter = await saveShelter.handle(
      organisation.id,
      null,
      this.toData(data, mayEnterAddress),
      user,
      request.ip()
    )
    session.flash('success', i18n.t('messages.shelters.saved'))
    return response.redirect().toPath(`/shelters/${shelter.id}`)
  }

  async show({ auth, params, view, bouncer, request }: HttpContext) {
    const user = auth.getUserOrFail()
    const shelter = await this.shelter(user, params.id)
    await shelter.load((loader) => {
      loader
        .load('organisation')
        .load('municipality')
        .load('staffLicences', (q) => q.orderBy('expires_on'))
    })
    const mayReadAddress = await bouncer.with(ShelterPolicy).allows('readAddress', shelter)
    if (mayReadAddress) await this.recordAddressView(user, shelter, request.ip(), 'page')
    const today = todayInKosovo()
    const licences = await Licence.query()
      .where('organisation_id', shelter.organisationId)
      .withScopes((s) => s.withFacts())
      .orderBy('valid_until', 'desc')
    const staff = staffLicenceSummary(
      shelter.staffLicences.map((l) => l.expiresOn.toISODate()!),
      today
    )
    return view.render('pages/shelters/show', { shelter, mayReadAddress, licences, today, staff })
  }

  /** The edit form carries the address only for those who may read it (admins edit the rest). */
  async edit({ auth, params, view, bouncer, request }: HttpContext) {
    const user = auth.getUserOrFail()
    const shelter = await this.shelter(user, params.id)
    await bouncer.with(ShelterPolicy).authorize('edit', shelter)
    await shelter.load('organisation')
    const municipalities = await Municipality.query().orderBy('name_en')
    const mayReadAddress = await bouncer.with(ShelterPolicy).allows('readAddress', shelter)
    if (mayReadAddress) await this.recordAddressView(user, shelter, request.ip(), 'edit')
    return view.render('pages/shelters/form', {
      organisation: shelter.organisation,
      shelter,
      municipalities,
      targetGroups,
      mayReadAddress,
    })
  }

  @inject()
  async update(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    saveShelter: SaveShelter
  ) {
    const user = auth.getUserOrFail()
    const shelter = await this.shelter(user, params.id)
    await bouncer.with(ShelterPolicy).authorize('edit', shelter)
    /* A municipality retired since may stay on the shelter. */
    const data = await request.validateUsing(shelterValidator, {
      meta: { keptMunicipality: shelter.municipalityCode },
    })
    // Someone who may not read the address cannot change it either: it stays as it is.
    const mayReadAddress = await bouncer.with(ShelterPolicy).allows('readAddress', shelter)
    await saveShelter.handle(
      shelter.organisationId,
      shelter,
      this.toData(data, mayReadAddress),
      user,
      request.ip()
    )
    session.flash('success', i18n.t('messages.shelters.saved'))
    return response.redirect().toPath(`/shelters/${shelter.id}`)
  }

  @inject()
  async storeStaffLicence(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    recordStaffLicence: RecordStaffLicence
  ) {
    const user = auth.getUserOrFail()
    const shelter = await this.shelter(user, params.id)
    await bouncer.with(ShelterPolicy).authorize('edit', shelter)
    const data = await request.validateUsing(staffLicenceValidator)
    await recordStaffLicence.handle(
      shelter,
      { ...data, expiresOn: data.expiresOn.toISOString().slice(0, 10) },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('messages.shelters.staff_licence_saved'))
    return response.redirect().toPath(`/shelters/${shelter.id}#staff`)
  }

  private toData(
    data: Awaited<ReturnType<typeof shelterValidator.validate>>,
    mayEnterAddress: boolean
  ) {
    const { confidentialAddress, ...rest } = data
    return {
      ...rest,
      ...(mayEnterAddress ? { confidentialAddress: confidentialAddress ?? null } : {}),
      openedOn: data.openedOn ? data.openedOn.toISOString().slice(0, 10) : null,
    }
  }

  /** Every view of a confidential address is an access in the audit trail. */
  private recordAddressView(user: User, shelter: Shelter, ip: string, outlet: 'page' | 'edit') {
    return AuditTrail.recordNow({
      actorId: user.id,
      organisationId: shelter.organisationId,
      action: 'shelter.address_viewed',
      subjectType: 'shelter',
      subjectId: shelter.id,
      after: { outlet },
      ip,
    })
  }

  private shelter(user: User, id: unknown) {
    return Shelter.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(id) || 0)
      .firstOrFail()
  }

  private organisation(user: User, id: unknown) {
    return Organisation.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', isRecordId(id) ? Number(id) : 0)
      .where('kind', 'ngo')
      .firstOrFail()
  }
}
