import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { RecordCommitment } from '#actions/handover/record_commitment'
import { RecordOtherFunding } from '#actions/handover/record_other_funding'
import { RecordTransfer } from '#actions/handover/record_transfer'
import { SetNeed } from '#actions/handover/set_need'
import { SetTarget } from '#actions/handover/set_target'
import { acceptedDocumentTypes } from '#domain/documents'
import { needMethods } from '#domain/handover/need'
import type { Flag } from '#domain/handover/position'
import { enteredSources, flagCodes, fundingSources } from '#domain/handover/position'
import HandoverCommitment, { commitmentReferenceKinds } from '#models/handover_commitment'
import Organisation from '#models/organisation'
import HandoverPolicy from '#policies/handover_policy'
import { HandoverPlan, shelterRecord, visiblePlan, visibleShelter } from '#queries/handover_plan'
import { todayInKosovo } from '#services/clock'
import { FileStore } from '#services/file_store'
import { chartLabels, planChart, shelterChart } from '#services/handover_chart'
import { handoverCsv } from '#services/handover_csv'
import { flagText, shareText } from '#services/handover_labels'
import { handoverPlanPdf } from '#services/pdf/handover_plan'
import {
  commitmentValidator,
  handoverYearValidator,
  needValidator,
  otherFundingValidator,
  targetValidator,
  transferValidator,
} from '#validators/handover'
import { asDownload, csvType } from '#services/downloads'

/**
 * The MLSW handover plan in the browser: the national dashboard (a
 * shelter's NGO sees its own shelters only), one shelter's plan, the PDF
 * for the steering committee and the CSV export; MLSW officials record
 * commitments, transfers, needs, targets and other sources.
 */
@inject()
export default class HandoverController {
  constructor(
    private commitments: RecordCommitment,
    private transfers: RecordTransfer,
    private needs: SetNeed,
    private targets: SetTarget,
    private others: RecordOtherFunding
  ) {}

  /** GET /handover?year=YYYY */
  async index({ auth, request, view, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { year: asked } = await handoverYearValidator.validate(request.qs())
    const today = todayInKosovo()
    const plan = await visiblePlan(user, today)
    const year = plan.yearOrDefault(asked)
    return view.render('pages/handover/index', {
      plan,
      year,
      today,
      national: user.seesAllOrganisations,
      totals: plan.national(year),
      rows: plan.rows(year),
      planTarget: plan.planTarget(year),
      chart: await planChart(plan, chartLabels(i18n)),
      sources: fundingSources,
      flagCodes,
      share: (bp: number | null) => shareText(bp, i18n.locale),
    })
  }

  /** GET /handover/shelters/:id?year=YYYY */
  async show({ auth, params, request, view, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const shelter = await visibleShelter(user, params.id)
    const { year: asked } = await handoverYearValidator.validate(request.qs())
    const today = todayInKosovo()
    const plan = await HandoverPlan.load({ today, shelterIds: [shelter.id] })
    const shelterPlan = plan.shelters[0]
    const year = plan.yearOrDefault(asked)
    /* Every entry of the year, cancelled ones too (struck through); the figures come from the plan. */
    const record = await shelterRecord(shelter.id, year)
    const ministries = await Organisation.query().where('kind', 'ministry').orderBy('name')
    return view.render('pages/handover/show', {
      plan,
      shelterPlan,
      year,
      today,
      entry: shelterPlan.years.find((y) => y.year === year)!,
      commitments: shelterPlan.commitments,
      yearCommitments: record.commitments,
      others: record.others,
      ministries,
      chart: await shelterChart(shelterPlan, chartLabels(i18n)),
      sources: fundingSources,
      enteredSources,
      needMethods,
      referenceKinds: commitmentReferenceKinds,
      share: (bp: number | null) => shareText(bp, i18n.locale),
      flagText: (flag: Flag) => flagText(flag, i18n),
    })
  }

  /** GET /handover/plan.csv: every visible shelter in every plan year. */
  async csv({ auth, response, i18n }: HttpContext) {
    const plan = await visiblePlan(auth.getUserOrFail(), todayInKosovo())
    asDownload(response, 'handover-plan.csv', csvType)
    return handoverCsv(plan, i18n)
  }

  /** GET /handover/plan.pdf?year=YYYY: the plan for the steering committee. */
  async pdf({ auth, request, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { year: asked } = await handoverYearValidator.validate(request.qs())
    const plan = await visiblePlan(user, todayInKosovo())
    const year = plan.yearOrDefault(asked)
    const pdf = await handoverPlanPdf(
      {
        plan,
        year,
        national: user.seesAllOrganisations,
        chart: await planChart(plan, chartLabels(i18n)),
      },
      i18n
    )
    asDownload(response, `handover-plan-${year}.pdf`, 'application/pdf')
    return response.send(pdf)
  }

  /** POST /handover/shelters/:id/commitments (multipart, with the evidence document) */
  async storeCommitment({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    await bouncer.with(HandoverPolicy).authorize('recordCommitment')
    const user = auth.getUserOrFail()
    const shelter = await visibleShelter(user, params.id)
    const input = await request.validateUsing(commitmentValidator)
    const upload = await FileStore.accept(
      request.file('evidence'),
      'handover',
      acceptedDocumentTypes
    )
    if (!upload.ok) {
      session.flashAll()
      session.flashErrors({ evidence: i18n.t(`messages.files.${upload.reason}`) })
      return response.redirect().back()
    }
    await this.commitments.handle(
      shelter.id,
      {
        year: input.year,
        funderOrganisationId: input.funderOrganisationId ?? null,
        funderName: input.funderName ?? null,
        referenceKind: input.referenceKind,
        budgetReference: input.budgetReference,
        committedOn: input.committedOn,
        amountCents: input.amount,
        evidence: upload.file,
      },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('handover.flash.commitment_recorded'))
    return response.redirect().toPath(`/handover/shelters/${shelter.id}?year=${input.year}`)
  }

  /** POST /handover/commitments/:id/transfers */
  async storeTransfer({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    await bouncer.with(HandoverPolicy).authorize('recordTransfer')
    const user = auth.getUserOrFail()
    const commitment = await HandoverCommitment.findOrFail(Number(params.id) || 0)
    const shelter = await visibleShelter(user, commitment.shelterId)
    const input = await request.validateUsing(transferValidator)
    await this.transfers.handle(
      commitment.id,
      {
        transferredOn: input.transferredOn,
        amountCents: input.amount,
        reference: input.reference ?? null,
      },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('handover.flash.transfer_recorded'))
    return response.redirect().toPath(`/handover/shelters/${shelter.id}?year=${commitment.year}`)
  }

  /** POST /handover/shelters/:id/need */
  async updateNeed({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    await bouncer.with(HandoverPolicy).authorize('setNeed')
    const user = auth.getUserOrFail()
    const shelter = await visibleShelter(user, params.id)
    const input = await request.validateUsing(needValidator)
    await this.needs.handle(
      shelter.id,
      {
        year: input.year,
        method: input.method,
        occupancyBp: input.occupancy,
        amountCents: input.amount ?? null,
        justification: input.justification ?? null,
      },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('handover.flash.need_set'))
    return response.redirect().toPath(`/handover/shelters/${shelter.id}?year=${input.year}`)
  }

  /** POST /handover/targets: the plan-wide target of a year. */
  async updatePlanTarget({ auth, request, response, session, bouncer, i18n }: HttpContext) {
    await bouncer.with(HandoverPolicy).authorize('setTarget')
    const input = await request.validateUsing(targetValidator)
    await this.targets.handle(null, this.target(input), auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('handover.flash.target_set'))
    return response.redirect().toPath(`/handover?year=${input.year}`)
  }

  /** POST /handover/shelters/:id/target: a shelter's own target (a municipal share agreed). */
  async updateShelterTarget({
    auth,
    params,
    request,
    response,
    session,
    bouncer,
    i18n,
  }: HttpContext) {
    await bouncer.with(HandoverPolicy).authorize('setTarget')
    const user = auth.getUserOrFail()
    const shelter = await visibleShelter(user, params.id)
    const input = await request.validateUsing(targetValidator)
    await this.targets.handle(shelter.id, this.target(input), user, request.ip())
    session.flash('success', i18n.t('handover.flash.target_set'))
    return response.redirect().toPath(`/handover/shelters/${shelter.id}?year=${input.year}`)
  }

  /** POST /handover/shelters/:id/other-funding */
  async storeOtherFunding({
    auth,
    params,
    request,
    response,
    session,
    bouncer,
    i18n,
  }: HttpContext) {
    await bouncer.with(HandoverPolicy).authorize('recordOtherFunding')
    const user = auth.getUserOrFail()
    const shelter = await visibleShelter(user, params.id)
    const input = await request.validateUsing(otherFundingValidator)
    await this.others.handle(
      shelter.id,
      {
        year: input.year,
        source: input.source,
        funderName: input.funderName,
        amountCents: input.amount,
        note: input.note ?? null,
      },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('handover.flash.other_funding_recorded'))
    return response.redirect().toPath(`/handover/shelters/${shelter.id}?year=${input.year}`)
  }

  /** GET /handover/commitments/:id/evidence: to those who may see the shelter. */
  async evidence({ auth, params, response }: HttpContext) {
    const commitment = await HandoverCommitment.query()
      .where('id', Number(params.id) || 0)
      .whereNotNull('evidence_file_key')
      .firstOrFail()
    await visibleShelter(auth.getUserOrFail(), commitment.shelterId)
    const bytes = await FileStore.read(commitment.evidenceFileKey!)
    asDownload(response, commitment.evidenceFileName ?? 'evidence', 'application/octet-stream')
    return response.send(Buffer.from(bytes))
  }

  private target(input: {
    year: number
    stateShare: number
    municipalShare?: number
    note?: string
  }) {
    return {
      year: input.year,
      stateShareBp: input.stateShare,
      municipalShareBp: input.municipalShare ?? null,
      note: input.note ?? null,
    }
  }
}
