import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { auditSummary } from '#actions/grants/contingency_release_support'
import type { BudgetHeading } from '#domain/budget/budget'
import ContingencyRelease from '#models/contingency_release'
import ExpenseLine from '#models/expense_line'
import ExpenseReceipt from '#models/expense_receipt'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { FileStore } from '#services/file_store'
import { currentBudgetLines } from '#queries/grant_finances'

const receiptBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

/**
 * The lead grant's contingency in the demo: one approved release of
 * 10 000.00 from the reserve (15 631.58) to equipment and supplies, and the
 * lines of the approved interim report of period 1. They add up to the
 * report's 412 500.00 claimed and 400 000.00 admitted, with indirect costs
 * within 7 % of direct costs and 8 000.00 on contingency within the release,
 * so the accepted costs are 400 000.00, as in DOMAIN-RULES §4 case A.
 */
export class DemoContingency {
  constructor(
    private trx: TransactionClientContract,
    private users: Map<string, User>
  ) {}

  private user(email: string) {
    return this.users.get(email)!
  }

  async load(grant: Grant, report: ExpenseReport) {
    const grantee = this.user('lead@demo.test')
    const manager = this.user('manager@demo.test')
    const period = grant.periods[0]
    const start = DateTime.fromISO(period.startsOn)

    const release = await ContingencyRelease.create(
      {
        grantId: grant.id,
        heading: 'equipment_supplies',
        amountCents: 1_000_000,
        currency: grant.currency,
        justification:
          'The heating boiler of the Gjakova shelter failed in winter; the residents cannot stay without heating.',
        status: 'approved',
        requestedById: grantee.id,
        decidedById: manager.id,
        decidedAt: start.plus({ months: 3, days: 2 }),
        decisionComment: 'Approved: an urgent safety need, within the reserve.',
        createdAt: start.plus({ months: 3 }),
      },
      { client: this.trx }
    )
    await AuditTrail.record(this.trx, {
      actorId: grantee.id,
      organisationId: grant.granteeOrganisationId,
      action: 'contingency_release.requested',
      subjectType: 'contingency_release',
      subjectId: release.id,
      before: { releasedCents: 0, remainingCents: 1_563_158 },
      after: {
        ...auditSummary(release),
        status: 'requested',
        justification: release.justification,
      },
    })
    await AuditTrail.record(this.trx, {
      actorId: manager.id,
      organisationId: grant.granteeOrganisationId,
      action: 'contingency_release.approved',
      subjectType: 'contingency_release',
      subjectId: release.id,
      before: { ...auditSummary(release), status: 'requested', releasedCents: 0 },
      after: {
        ...auditSummary(release),
        comment: release.decisionComment,
        releasedCents: 1_000_000,
        remainingCents: 563_158,
      },
    })

    const budgetLines = await currentBudgetLines(grant, this.trx)
    const lineOf = (heading: BudgetHeading) => budgetLines.find((l) => l.heading === heading)!
    const lines: [BudgetHeading, string, string, number, number, string | null, string][] = [
      [
        'human_resources',
        'Project staff, year one',
        'KSC payroll',
        25_050_000,
        25_050_000,
        null,
        'MS-09',
      ],
      [
        'travel',
        'Field visits to shelters',
        'Kosova Bus',
        1_250_000,
        1_250_000,
        null,
        'organisational',
      ],
      [
        'equipment_supplies',
        'Shelter safety equipment',
        'Secure Systems',
        4_000_000,
        4_000_000,
        null,
        'MS-01',
      ],
      [
        'local_office',
        'Office rent and running costs',
        'Prishtina Offices',
        2_400_000,
        2_400_000,
        null,
        'organisational',
      ],
      [
        'other_costs_services',
        'Visibility and publications',
        'Print House',
        5_250_000,
        4_000_000,
        'Leaflets printed without the EU emblem are not eligible.',
        'organisational',
      ],
      ['indirect', 'Indirect costs, year one', 'KSC', 2_500_000, 2_500_000, null, 'organisational'],
      [
        'contingency',
        'Replacement heating boiler (released contingency)',
        'Termo Service',
        800_000,
        800_000,
        null,
        'MS-01',
      ],
    ]
    for (const [
      index,
      [heading, description, supplier, claimed, admitted, reason, standard],
    ] of lines.entries()) {
      const line = await ExpenseLine.create(
        {
          expenseReportId: report.id,
          position: index + 1,
          spentOn: start.plus({ months: 3, days: 10 + index }),
          supplier,
          description,
          grantBudgetLineId: lineOf(heading).id,
          standardCode: standard,
          currency: 'EUR',
          amountCents: claimed,
          exchangeRateMicro: null,
          rateSource: null,
          claimedCents: claimed,
          vat: 'exempt',
          receiptNumber: `L-${grant.id}-${index + 1}`,
          supplierCountry: 'XK',
          flags: [],
          admittedCents: admitted,
          admissionReason: reason,
          decidedById: report.decidedById,
          decidedAt: report.decidedAt,
          createdById: grantee.id,
        },
        { client: this.trx }
      )
      const file = await FileStore.put(
        'receipts',
        `lead-receipt-${index + 1}.pdf`,
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
          uploadedById: grantee.id,
        },
        { client: this.trx }
      )
    }
  }
}
