import type { HttpContext } from '@adonisjs/core/http'
import { DecideLogframeChange } from '#actions/narrative/decide_logframe_change'
import {
  DecideNarrativeReport,
  type NarrativeDecision,
} from '#actions/narrative/decide_narrative_report'
import { OpenNarrativeReport } from '#actions/narrative/open_narrative_report'
import { RequestLogframeChange } from '#actions/narrative/request_logframe_change'
import { SaveApplicationLogframe } from '#actions/narrative/save_application_logframe'
import { SaveNarrativeReport } from '#actions/narrative/save_narrative_report'
import { SubmitNarrativeReport } from '#actions/narrative/submit_narrative_report'
import { findVisibleApplication } from '#controllers/applications_controller'
import { visibleNarrativeReport } from '#controllers/narrative_reports_controller'
import { emptyLogframe } from '#domain/narrative/logframe'
import Logframe from '#models/logframe'
import LogframeChange from '#models/logframe_change'
import NarrativeReport from '#models/narrative_report'
import LogframePolicy from '#policies/logframe_policy'
import NarrativeReportPolicy from '#policies/narrative_report_policy'
import { visibleGrant } from '#queries/grant_access'
import { grantLogframe, narrativeReportView } from '#queries/narrative_view'
import {
  logframeChangeJson,
  logframeJson,
  narrativeReportJson,
  narrativeReportSummaryJson,
} from '#transformers/narrative_transformer'
import {
  logframeChangeValidator,
  logframeDecisionValidator,
  logframeReturnValidator,
  logframeValidator,
} from '#validators/logframe'
import {
  narrativeContentValidator,
  narrativeOpenValidator,
  narrativeReturnValidator,
} from '#validators/narrative_report'

/** Logframes and narrative reports under /api/v1 (bearer token; 404 for what a person may not see). */
export default class NarrativeController {
  async applicationLogframe({ auth, params }: HttpContext) {
    const application = await findVisibleApplication(auth.use('api').getUserOrFail(), params.id)
    const row = await Logframe.findBy('application_id', application.id)
    return { data: logframeJson(row?.content ?? emptyLogframe(), row?.version ?? 0) }
  }

  async updateApplicationLogframe({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(LogframePolicy).authorize('editForApplication', application)
    const input = await request.validateUsing(logframeValidator)
    const row = await new SaveApplicationLogframe().handle(
      application.id,
      input,
      user,
      request.ip()
    )
    return { data: logframeJson(row.content, row.version) }
  }

  async grantLogframe({ auth, params }: HttpContext) {
    const grant = await visibleGrant(auth.use('api').getUserOrFail(), params.id)
    const row = await grantLogframe(grant.id)
    const changes = await LogframeChange.query().where('grant_id', grant.id).orderBy('id', 'desc')
    return {
      data: {
        ...logframeJson(row?.content ?? emptyLogframe(), row?.version ?? 0),
        changes: changes.map(logframeChangeJson),
      },
    }
  }

  async requestLogframeChange({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(LogframePolicy).authorize('requestChange', grant)
    const input = await request.validateUsing(logframeChangeValidator)
    const change = await new RequestLogframeChange().handle(grant.id, input, user, request.ip())
    return response.created({ data: logframeChangeJson(change) })
  }

  async approveLogframeChange(ctx: HttpContext) {
    return this.decideChange(ctx, 'approved')
  }

  async returnLogframeChange(ctx: HttpContext) {
    return this.decideChange(ctx, 'returned')
  }

  private async decideChange(
    { auth, params, request, bouncer }: HttpContext,
    decision: 'approved' | 'returned'
  ) {
    const user = auth.use('api').getUserOrFail()
    const found = await LogframeChange.findOrFail(Number(params.id) || 0)
    const grant = await visibleGrant(user, found.grantId)
    await bouncer
      .with(LogframePolicy)
      .authorize(decision === 'approved' ? 'approveChange' : 'returnChange', grant, found)
    const { comment } =
      decision === 'approved'
        ? await request.validateUsing(logframeDecisionValidator)
        : await request.validateUsing(logframeReturnValidator)
    const change = await new DecideLogframeChange().handle(
      found.id,
      decision,
      comment ?? null,
      user,
      request.ip()
    )
    return { data: logframeChangeJson(change) }
  }

  async index({ auth, params }: HttpContext) {
    const grant = await visibleGrant(auth.use('api').getUserOrFail(), params.id)
    const reports = await NarrativeReport.query()
      .where('grant_id', grant.id)
      .orderBy('period_number')
    return { data: reports.map(narrativeReportSummaryJson) }
  }

  async store({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(NarrativeReportPolicy).authorize('prepare', grant)
    const { periodNumber } = await request.validateUsing(narrativeOpenValidator)
    const report = await new OpenNarrativeReport().handle(
      grant.id,
      periodNumber,
      user,
      request.ip()
    )
    return response.created({ data: narrativeReportSummaryJson(report) })
  }

  async show({ auth, params, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleNarrativeReport(user, params.id)
    const access = { ip: request.ip(), outlet: 'api' as const }
    return {
      data: narrativeReportJson(report, await narrativeReportView(report, grant, user, access)),
    }
  }

  async update({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleNarrativeReport(user, params.id)
    await bouncer.with(NarrativeReportPolicy).authorize('prepare', grant)
    const input = await request.validateUsing(narrativeContentValidator)
    const saved = await new SaveNarrativeReport().handle(report.id, input, user, request.ip())
    const access = { ip: request.ip(), outlet: 'api' as const }
    return {
      data: narrativeReportJson(saved, await narrativeReportView(saved, grant, user, access)),
    }
  }

  async submit({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleNarrativeReport(user, params.id)
    await bouncer.with(NarrativeReportPolicy).authorize('submit', grant)
    const saved = await new SubmitNarrativeReport().handle(report.id, user, request.ip())
    return { data: narrativeReportSummaryJson(saved) }
  }

  async verify(ctx: HttpContext) {
    return this.decide(ctx, 'verified')
  }

  async returnForRevision(ctx: HttpContext) {
    return this.decide(ctx, 'returned')
  }

  async approve(ctx: HttpContext) {
    return this.decide(ctx, 'approved')
  }

  private async decide(
    { auth, params, request, bouncer }: HttpContext,
    decision: NarrativeDecision
  ) {
    const user = auth.use('api').getUserOrFail()
    const { report, grant } = await visibleNarrativeReport(user, params.id)
    const policy = bouncer.with(NarrativeReportPolicy)
    if (decision === 'approved') await policy.authorize('approve', grant, report)
    else if (decision === 'verified') await policy.authorize('verify', grant)
    else await policy.authorize('returnForRevision', grant)
    const comment = decision === 'returned' ? await apiReturnComment(request) : null
    const saved = await new DecideNarrativeReport().handle(
      report.id,
      decision,
      comment,
      user,
      request.ip()
    )
    return { data: narrativeReportSummaryJson(saved) }
  }
}

async function apiReturnComment(request: HttpContext['request']) {
  const { comment } = await request.validateUsing(narrativeReturnValidator)
  return comment
}
