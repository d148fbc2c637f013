import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { refreshReport } from '#actions/reports/refresh_report'
import { minimumStandardCodes } from '#domain/reports/minimum_standards'
import ComplianceAssessment from '#models/compliance_assessment'
import ExpenseLine from '#models/expense_line'
import ExpenseReceipt from '#models/expense_receipt'
import ExpenseReport from '#models/expense_report'
import ExpenseReportVersion from '#models/expense_report_version'
import OperatingCostDeclaration from '#models/operating_cost_declaration'
import type Grant from '#models/grant'
import ServiceReferral from '#models/service_referral'
import ServiceStatistic from '#models/service_statistic'
import type User from '#models/user'
import { currentBudgetLines } from '#queries/grant_finances'
import { AuditTrail } from '#services/audit_trail'
import { FileStore } from '#services/file_store'

/** A one-page PDF standing in for a scanned receipt. */
const receiptBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

type Stage = 'approved' | 'returned' | 'draft'

/**
 * The first six-month report of each shelter sub-grant: approved (SG-01),
 * returned for revision (SG-02) and still a draft (SG-03), with receipts,
 * aggregate statistics that include small counts, and the compliance
 * self-assessment against the minimum standards.
 */
export class DemoReports {
  constructor(
    private trx: TransactionClientContract,
    private users: Map<string, User>
  ) {}

  async load(subGrants: Grant[]) {
    const stages: Stage[] = ['approved', 'returned', 'draft']
    for (const [index, grant] of subGrants.entries()) {
      await this.report(grant, stages[index], `ngo${[1, 4, 5][index]}@demo.test`)
    }
  }

  private async report(grant: Grant, stage: Stage, grantee: string) {
    const by = this.users.get(grantee)!
    const finance = this.users.get('finance@demo.test')!
    // The report is approved by a finance officer who admitted none of its lines.
    const approver = this.users.get('finance2@demo.test')!
    const period = grant.periods[0]
    const report = await ExpenseReport.create(
      {
        grantId: grant.id,
        periodNumber: 1,
        kind: period.isFinal ? 'final' : 'interim',
        status: 'draft',
        currency: grant.currency,
        claimedCents: 0,
        admittedCents: null,
        version: 0,
        summary:
          'Residents were sheltered around the clock; staff followed the individual assistance plans.',
        createdById: by.id,
      },
      { client: this.trx }
    )
    const budgetLines = await currentBudgetLines(grant, this.trx)
    const [staff, running] = budgetLines
    const start = DateTime.fromISO(period.startsOn)
    const lines: [number, string, string, number, string, number, boolean][] = [
      [staff.id, 'Care staff salaries, month 1', 'Staff payroll', 500000, 'MS-09', 5, true],
      [staff.id, 'Care staff salaries, month 2', 'Staff payroll', 500000, 'MS-09', 35, true],
      [running.id, 'Meals and hygiene supplies', 'Shpresa Catering', 125050, 'MS-02', 20, true],
      [running.id, 'Night security', 'Alb Security', 210000, 'MS-01', 40, stage !== 'returned'],
      [running.id, 'Counselling sessions', 'Psikolog Consulting', 90000, 'MS-04', 60, false],
    ]
    for (const [
      position,
      [budgetLineId, description, supplier, cents, standard, day, receipt],
    ] of lines.entries()) {
      const line = await ExpenseLine.create(
        {
          expenseReportId: report.id,
          position: position + 1,
          spentOn: start.plus({ days: day }),
          supplier,
          description,
          grantBudgetLineId: budgetLineId,
          standardCode: standard,
          currency: 'EUR',
          amountCents: cents,
          exchangeRateMicro: null,
          rateSource: null,
          claimedCents: cents,
          vat: 'exempt',
          receiptNumber: `R-${grant.id}-${position + 1}`,
          supplierCountry: 'XK',
          flags: [],
          admittedCents: null,
          admissionReason: null,
          decidedById: null,
          decidedAt: null,
          createdById: by.id,
        },
        { client: this.trx }
      )
      if (receipt) {
        const file = await FileStore.put(
          'receipts',
          `receipt-${position + 1}.pdf`,
          receiptBytes,
          'application/pdf'
        )
        await ExpenseReceipt.create(
          {
            expenseLineId: line.id,
            fileKey: file.key,
            fileName: file.fileName,
            contentType: file.contentType,
            sizeBytes: file.sizeBytes,
            sha256: file.sha256,
            uploadedById: by.id,
          },
          { client: this.trx }
        )
      }
    }
    await this.service(report)
    await refreshReport(this.trx, report, grant, budgetLines)
    const stored = await ExpenseLine.query({ client: this.trx })
      .where('expense_report_id', report.id)
      .orderBy('position')
      .orderBy('id')
    if (stage === 'draft') return

    const submittedAt = DateTime.fromISO(period.endsOn).plus({ days: 20 })
    const declaration = await this.operatingCost(report, grant, by, submittedAt)
    report.merge({ status: 'submitted', version: 1, submittedById: by.id, submittedAt })
    await report.save()
    await this.version(report, 'submitted', stored, by, null)
    for (const line of stored) {
      const partly = line.description === 'Counselling sessions'
      line.merge({
        admittedCents: partly ? 60000 : line.claimedCents,
        admissionReason: partly ? 'Two sessions were not documented' : null,
        decidedById: finance.id,
        decidedAt: submittedAt.plus({ days: 10 }),
      })
      await line.save()
    }
    if (stage === 'approved') {
      const admitted = stored.reduce((total, line) => total + (line.admittedCents ?? 0), 0)
      report.merge({
        status: 'approved',
        admittedCents: admitted,
        decidedById: approver.id,
        decidedAt: submittedAt.plus({ days: 12 }),
      })
      await report.save()
      await this.version(report, 'approved', stored, approver, null)
      await this.verifyOperatingCost(declaration, grant, finance, submittedAt.plus({ days: 10 }))
    } else {
      const comment =
        'Attach the receipt of the security invoice and the counselling attendance lists.'
      report.merge({
        status: 'returned',
        returnComment: comment,
        decidedById: finance.id,
        decidedAt: submittedAt.plus({ days: 12 }),
      })
      await report.save()
      await this.version(report, 'returned', stored, finance, comment)
    }
  }

  private async version(
    report: ExpenseReport,
    event: 'submitted' | 'returned' | 'approved',
    lines: ExpenseLine[],
    by: User,
    comment: string | null
  ) {
    await ExpenseReportVersion.create(
      {
        expenseReportId: report.id,
        version: report.version,
        event,
        snapshot: {
          claimedCents: report.claimedCents,
          admittedCents: report.admittedCents,
          lines: lines.map((line) => ({
            id: line.id,
            spentOn: line.spentOn.toISODate()!,
            supplier: line.supplier,
            description: line.description,
            budgetLine: null,
            standard: line.standardCode,
            claimedCents: line.claimedCents,
            admittedCents: line.admittedCents,
            admissionReason: line.admissionReason,
          })),
        },
        comment,
        createdById: by.id,
      },
      { client: this.trx }
    )
  }

  /**
   * The shelter's total operating cost in the period from all sources
   * (sub-grant, state, municipality, other donors, own income), declared
   * with the report: EUR 45 840.00 over the period's 2 260 bed-days.
   */
  private async operatingCost(report: ExpenseReport, grant: Grant, by: User, at: DateTime) {
    const declaration = await OperatingCostDeclaration.create(
      {
        expenseReportId: report.id,
        currency: report.currency,
        declaredCents: 4584000,
        declarationNote:
          'Sub-grant 23 150.00, state (MLSW) 12 000.00, municipality 4 000.00, OSCE 5 290.00, own income 1 400.00.',
        declaredById: by.id,
        declaredAt: at.minus({ days: 1 }),
        verifiedCents: null,
        verificationNote: null,
        verifiedById: null,
        verifiedAt: null,
      },
      { client: this.trx }
    )
    await AuditTrail.record(this.trx, {
      actorId: by.id,
      organisationId: grant.granteeOrganisationId,
      action: 'expense_report.operating_cost_declared',
      subjectType: 'expense_report',
      subjectId: report.id,
      after: { declaredCents: declaration.declaredCents },
    })
    return declaration
  }

  /** The verifier accepts EUR 45 200.00 (EUR 20.00 a bed-day): one invoice fell outside the period. */
  private async verifyOperatingCost(
    declaration: OperatingCostDeclaration,
    grant: Grant,
    by: User,
    at: DateTime
  ) {
    declaration.merge({
      verifiedCents: 4520000,
      verificationNote: 'A heating invoice of 640.00 belongs to the next period.',
      verifiedById: by.id,
      verifiedAt: at,
    })
    await declaration.useTransaction(this.trx).save()
    await AuditTrail.record(this.trx, {
      actorId: by.id,
      organisationId: grant.granteeOrganisationId,
      action: 'expense_report.operating_cost_verified',
      subjectType: 'expense_report',
      subjectId: declaration.expenseReportId,
      before: { verifiedCents: null },
      after: { declaredCents: declaration.declaredCents, verifiedCents: 4520000 },
    })
  }

  /** Aggregates with small counts (hidden as "<5" and "x" outside the shelter) and the self-assessment. */
  private async service(report: ExpenseReport) {
    const counts: [
      string,
      'female' | 'male',
      'under_18' | 'adult',
      'domestic' | 'foreign',
      number,
    ][] = [
      ['admissions', 'female', 'adult', 'domestic', 6],
      ['admissions', 'female', 'under_18', 'domestic', 3],
      ['admissions', 'female', 'adult', 'foreign', 2],
      ['admissions', 'male', 'adult', 'domestic', 1],
      ['exits_reintegrated', 'female', 'adult', 'domestic', 4],
      ['exits_returned', 'female', 'adult', 'foreign', 1],
      ['bed_days', 'female', 'adult', 'domestic', 1460],
      ['bed_days', 'female', 'under_18', 'domestic', 410],
      ['bed_days', 'female', 'adult', 'foreign', 300],
      ['bed_days', 'male', 'adult', 'domestic', 90],
      ['residents_end', 'female', 'adult', 'domestic', 5],
      ['residents_end', 'female', 'under_18', 'domestic', 2],
      // Everyone admitted is still there or left (the stock-flow identity, checked on entry).
      ['residents_end', 'female', 'adult', 'foreign', 1],
      ['residents_end', 'male', 'adult', 'domestic', 1],
    ]
    for (const [measure, sex, ageBand, origin, count] of counts) {
      await ServiceStatistic.create(
        { expenseReportId: report.id, measure, sex, ageBand, origin, count },
        { client: this.trx }
      )
    }
    for (const [source, count] of [
      ['police', 7],
      ['social_services', 3],
      ['ngo', 2],
    ] as const) {
      await ServiceReferral.create(
        { expenseReportId: report.id, source, count },
        { client: this.trx }
      )
    }
    for (const code of minimumStandardCodes) {
      await ComplianceAssessment.create(
        {
          expenseReportId: report.id,
          standardCode: code,
          selfLevel: code === 'MS-08' ? 'partly' : 'met',
          evidence:
            code === 'MS-08'
              ? 'Follow-up at 6 months done for 3 of 4 residents who left.'
              : 'Procedures and records kept at the shelter.',
          comment: null,
          verifierLevel: null,
          verifierComment: null,
          verifiedById: null,
        },
        { client: this.trx }
      )
    }
  }
}
