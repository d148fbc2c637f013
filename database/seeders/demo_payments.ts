import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { NextTranche } from '#domain/grants/payment_schedule'
import { holdReason, releaseConditions } from '#domain/grants/release_conditions'
import ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import LedgerEntry from '#models/ledger_entry'
import Payment from '#models/payment'
import PaymentRequest from '#models/payment_request'
import type User from '#models/user'
import { grantFinances } from '#queries/grant_finances'
import { licenceCoverage } from '#queries/licence_coverage'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { DemoContingency } from '#database/seeders/demo_contingency'

/**
 * The payment path in the demo, computed by the same rules as the app:
 * the lead grant with its first tranche paid, the interim report of
 * period 1 approved and the second tranche verified, waiting for a grant
 * manager's approval; three shelter sub-grants at different stages (one
 * paid, one suspended with its licence, one held by an expired licence).
 * Each paid tranche went through four people: requester, verifier,
 * approver, and a second finance officer who recorded the payment.
 */
export class DemoPayments {
  private today = todayInKosovo()

  constructor(
    private trx: TransactionClientContract,
    private users: Map<string, User>
  ) {}

  private user(email: string) {
    return this.users.get(email)!
  }

  async load(leadGrant: Grant, subGrants: Grant[]) {
    for (const grant of [leadGrant, ...subGrants]) await this.commit(grant)

    // Lead grant: tranche 1 paid two weeks after signature.
    const signedOn = leadGrant.funderSignedAt!.setZone('Europe/Belgrade').plus({ days: 14 })
    await this.paid(
      leadGrant,
      'lead@demo.test',
      'eu-finance@demo.test',
      'manager@demo.test',
      signedOn,
      'eu-finance2@demo.test'
    )
    const period1 = leadGrant.periods[0]
    const report = await ExpenseReport.create(
      {
        grantId: leadGrant.id,
        periodNumber: 1,
        kind: 'interim',
        status: 'approved',
        currency: 'EUR',
        claimedCents: 41250000,
        admittedCents: 40000000,
        summary: 'Year one: six shelters supported, staff trained on the minimum standards.',
        submittedById: this.user('lead@demo.test').id,
        submittedAt: DateTime.fromISO(period1.endsOn).plus({ days: 40 }),
        decidedById: this.user('eu-finance@demo.test').id,
        decidedAt: DateTime.fromISO(period1.endsOn).plus({ days: 50 }),
        createdById: this.user('lead@demo.test').id,
      },
      { client: this.trx }
    )
    // Its lines, with one approved contingency release (accepted costs 400 000.00).
    await new DemoContingency(this.trx, this.users).load(leadGrant, report)
    const second = await this.request(leadGrant, 'lead@demo.test', report.id)
    second.merge({
      status: 'verified',
      verifiedCents: second.payableCents,
      verifiedById: this.user('eu-finance@demo.test').id,
      verifiedAt: DateTime.utc().minus({ days: 2 }),
    })
    await second.save()

    // SG-01: option 1 pre-financing paid; SG-02: suspended with its licence; SG-03: held.
    const [paidSub, suspendedSub, heldSub] = subGrants
    await this.paid(
      paidSub,
      'ngo1@demo.test',
      'finance@demo.test',
      'lead@demo.test',
      paidSub.startsOn.plus({ days: 10 }),
      'finance2@demo.test'
    )
    suspendedSub.useTransaction(this.trx)
    suspendedSub.merge({
      status: 'suspended',
      statusReason:
        'The MLSW suspended the shelter’s licence; payments stop until it is reinstated.',
    })
    await suspendedSub.save()
    const held = await this.request(heldSub, 'ngo5@demo.test', null)
    held.merge({
      status: 'verified',
      verifiedCents: held.payableCents,
      verifiedById: this.user('finance@demo.test').id,
      verifiedAt: DateTime.utc().minus({ days: 1 }),
    })
    await held.save()
  }

  private async commit(grant: Grant) {
    await LedgerEntry.create(
      {
        grantId: grant.id,
        kind: 'commitment',
        currency: grant.currency,
        amountCents: grant.funderCents,
        bookedOn: grant.funderSignedAt!.setZone('Europe/Belgrade').startOf('day'),
        paymentId: null,
        recoveryOrderId: null,
        description: `Commitment of ${grant.reference}`,
        createdById: grant.funderSignedById!,
      },
      { client: this.trx }
    )
  }

  /** A request for the grant's next tranche, with its conditions checked today. */
  private async request(grant: Grant, requester: string, reportId: number | null) {
    const finances = await grantFinances(grant, this.trx)
    const next = finances.position.next as Exclude<NextTranche, { kind: 'none' }>
    const financed = grant.periods.find((p) => p.number === next.period)!
    const { coverage } = grant.isSubGrant
      ? await licenceCoverage(
          grant.granteeOrganisationId,
          'residential_vot',
          this.today,
          financed.endsOn > this.today ? financed.endsOn : this.today,
          this.trx
        )
      : { coverage: null }
    const conditions = releaseConditions({
      kind: next.kind,
      period: next.period,
      grantStatus: grant.status,
      reports: finances.reports.map((r) => ({ periodNumber: r.periodNumber, status: r.status })),
      stage: 'release',
      isSubGrant: grant.isSubGrant,
      licence: coverage
        ? {
            covered: coverage.covered,
            reason:
              coverage.reasons[0] && `${coverage.reasons[0].code} ${coverage.reasons[0].date}`,
          }
        : null,
      outstandingRecoveryCents: 0,
      reductionCents: next.reductionCents,
    })
    const request = await PaymentRequest.create(
      {
        grantId: grant.id,
        number: finances.requests.length + 1,
        kind: next.kind,
        period: next.period,
        expenseReportId: reportId,
        status: 'requested',
        currency: grant.currency,
        scheduledCents: next.scheduledCents,
        thresholdCents: next.kind === 'further_prefinancing' ? next.thresholdCents : null,
        fundedExpenditureCents:
          next.kind === 'further_prefinancing' ? next.fundedExpenditureCents : null,
        reductionCents: next.reductionCents,
        payableCents: next.payableCents,
        heldReason: holdReason(conditions),
        conditions,
        requestedById: this.user(requester).id,
        requestedAt: DateTime.utc().minus({ days: 5 }),
      },
      { client: this.trx }
    )
    await AuditTrail.record(this.trx, {
      actorId: request.requestedById,
      organisationId: grant.granteeOrganisationId,
      action: 'payment_request.created',
      subjectType: 'payment_request',
      subjectId: request.id,
      after: { grant: grant.reference, number: request.number, payableCents: request.payableCents },
    })
    return request
  }

  /**
   * The next tranche requested, verified, approved and paid on `valueDate`
   * by four different people: the payment is recorded by `recorder`, a
   * finance officer who neither verified nor approved it.
   */
  private async paid(
    grant: Grant,
    requester: string,
    finance: string,
    approver: string,
    valueDate: DateTime,
    recorder: string
  ) {
    const request = await this.request(grant, requester, null)
    const at = valueDate.minus({ days: 3 }).toUTC()
    request.merge({
      status: 'paid',
      heldReason: null,
      verifiedCents: request.payableCents,
      verifiedById: this.user(finance).id,
      verifiedAt: at,
      approvedById: this.user(approver).id,
      approvedAt: at.plus({ days: 1 }),
    })
    await request.save()
    const payment = await Payment.create(
      {
        paymentRequestId: request.id,
        grantId: grant.id,
        currency: grant.currency,
        amountCents: request.amountCents,
        valueDate: valueDate.startOf('day'),
        bankReference: `DEMO-${grant.id}-${request.number}`,
        idempotencyKey: `demo-${grant.id}-${request.number}`,
        requestHash: null,
        recordedById: this.user(recorder).id,
      },
      { client: this.trx }
    )
    await LedgerEntry.create(
      {
        grantId: grant.id,
        kind: 'disbursement',
        currency: grant.currency,
        amountCents: payment.amountCents,
        bookedOn: payment.valueDate,
        paymentId: payment.id,
        recoveryOrderId: null,
        description: `Tranche ${request.number} (${request.kind})`,
        createdById: payment.recordedById,
      },
      { client: this.trx }
    )
    await AuditTrail.record(this.trx, {
      actorId: payment.recordedById,
      organisationId: grant.granteeOrganisationId,
      action: 'payment.recorded',
      subjectType: 'payment_request',
      subjectId: request.id,
      after: { amountCents: payment.amountCents, valueDate: payment.valueDate.toISODate() },
    })
  }
}
