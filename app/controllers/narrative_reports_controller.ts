import type { HttpContext } from '@adonisjs/core/http'
import {
  DecideNarrativeReport,
  type NarrativeDecision,
} from '#actions/narrative/decide_narrative_report'
import { OpenNarrativeReport } from '#actions/narrative/open_narrative_report'
import { SaveNarrativeReport } from '#actions/narrative/save_narrative_report'
import { SubmitNarrativeReport } from '#actions/narrative/submit_narrative_report'
import { activityStatuses, breakdowns, isEditable } from '#domain/narrative/narrative_report'
import NarrativeReport from '#models/narrative_report'
import NarrativeReportPolicy from '#policies/narrative_report_policy'
import { visibleGrant } from '#queries/grant_access'
import { narrativeReportView } from '#queries/narrative_view'
import { asDownload } from '#services/downloads'
import { narrativeReportPdf } from '#services/pdf/narrative_report'
import {
  narrativeContentValidator,
  narrativeOpenValidator,
  narrativeReturnValidator,
} from '#validators/narrative_report'
import type User from '#models/user'

/** A narrative report of a grant the person may see, with that grant, or a 404. */
export async function visibleNarrativeReport(user: User, id: unknown) {
  const report = await NarrativeReport.findOrFail(Number(id) || 0)
  const grant = await visibleGrant(user, report.grantId)
  return { report, grant }
}

/** Narrative reports (PRAG Annex VI narrative part) per reporting period. */
export default class NarrativeReportsController {
  async store({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(NarrativeReportPolicy).authorize('prepare', grant)
    const { periodNumber } = await request.validateUsing(narrativeOpenValidator)
    const report = await new OpenNarrativeReport().handle(
      grant.id,
      periodNumber,
      user,
      request.ip()
    )
    return response.redirect().toPath(`/narrative-reports/${report.id}`)
  }

  async show({ auth, params, request, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleNarrativeReport(user, params.id)
    await grant.load((loader) => loader.load('grantee').load('funder'))
    return view.render('pages/narrative_reports/show', {
      report,
      grant,
      ...(await narrativeReportView(report, grant, user, { ip: request.ip(), outlet: 'page' })),
      editable: isEditable(report.status),
      activityStatuses,
      breakdowns,
    })
  }

  async update({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleNarrativeReport(user, params.id)
    await bouncer.with(NarrativeReportPolicy).authorize('prepare', grant)
    const input = await request.validateUsing(narrativeContentValidator, {
      data: withoutBlanks(request.body()),
    })
    await new SaveNarrativeReport().handle(report.id, input, user, request.ip())
    if (request.input('then') === 'submit') {
      await bouncer.with(NarrativeReportPolicy).authorize('submit', grant)
      await new SubmitNarrativeReport().handle(report.id, user, request.ip())
      session.flash('success', i18n.t('narrative.report.submitted'))
    } else {
      session.flash('success', i18n.t('narrative.report.saved'))
    }
    return response.redirect().toPath(`/narrative-reports/${report.id}`)
  }

  async submit({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleNarrativeReport(user, params.id)
    await bouncer.with(NarrativeReportPolicy).authorize('submit', grant)
    await new SubmitNarrativeReport().handle(report.id, user, request.ip())
    session.flash('success', i18n.t('narrative.report.submitted'))
    return response.redirect().toPath(`/narrative-reports/${report.id}`)
  }

  async verify(ctx: HttpContext) {
    return decide(ctx, 'verified')
  }

  async returnForRevision(ctx: HttpContext) {
    return decide(ctx, 'returned')
  }

  async approve(ctx: HttpContext) {
    return decide(ctx, 'approved')
  }

  /** The report as a PDF in the reader's language, with the grant's visibility mark. */
  async pdf({ auth, params, request, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleNarrativeReport(user, params.id)
    await grant.load((loader) => loader.load('grantee').load('funder'))
    const data = await narrativeReportView(report, grant, user, {
      ip: request.ip(),
      outlet: 'pdf',
    })
    const pdf = await narrativeReportPdf({ report, grant, ...data }, i18n)
    asDownload(
      response,
      `narrative-report-${grant.reference}-${report.periodNumber}.pdf`,
      'application/pdf'
    )
    return response.send(pdf)
  }
}

async function decide(
  { auth, params, request, response, session, bouncer, i18n }: HttpContext,
  decision: NarrativeDecision
) {
  const user = auth.getUserOrFail()
  const { report, grant } = await visibleNarrativeReport(user, params.id)
  const policy = bouncer.with(NarrativeReportPolicy)
  if (decision === 'approved') await policy.authorize('approve', grant, report)
  else if (decision === 'verified') await policy.authorize('verify', grant)
  else await policy.authorize('returnForRevision', grant)
  const comment = decision === 'returned' ? await returnComment(request) : null
  await new DecideNarrativeReport().handle(report.id, decision, comment, user, request.ip())
  session.flash('success', i18n.t(`narrative.report.${decision}`))
  return response.redirect().toPath(`/narrative-reports/${report.id}`)
}

/** Empty form fields read as not given (a blank count is no count). */
export function withoutBlanks(body: Record<string, unknown>) {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean)
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => !(typeof v === 'string' && v.trim() === ''))
          .map(([k, v]) => [k, clean(v)])
      )
    return value
  }
  const cleaned = clean(body) as Record<string, unknown>
  if (Array.isArray(cleaned.deviations)) {
    cleaned.deviations = (cleaned.deviations as Record<string, unknown>[]).filter(
      (row) => row && (row.text || row.reason)
    )
  }
  return cleaned
}

export async function returnComment(request: HttpContext['request']) {
  const { comment } = await request.validateUsing(narrativeReturnValidator)
  return comment
}
