import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { AdmitExpenseLine } from '#actions/reports/admit_expense_line'
import { ApproveExpenseReport } from '#actions/reports/approve_expense_report'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { SubmitExpenseReport } from '#actions/reports/submit_expense_report'
import { DateTime } from 'luxon'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import Membership from '#models/membership'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { makeMember, makeOrganisation } from '#tests/helpers'

/**
 * A signed grant with the worked example of DOMAIN-RULES §4 (case A):
 * TEC 1 052 631.58, F 1 000 000.00, two 12-month periods, the budget in
 * one line without contingency.
 */
export async function makeSignedGrant(
  options: {
    funder?: Organisation
    grantee?: Organisation
    parent?: Grant
    callId?: number
    totalEligibleCents?: number
    funderCents?: number
    startsOn?: string
    endsOn?: string
    paymentOption?: 'option_1' | 'option_2'
    status?: Grant['status']
  } = {}
) {
  const funder = options.funder ?? (await makeOrganisation('contracting_authority', 'EU Office'))
  const grantee = options.grantee ?? (await makeOrganisation('lead_grantee', 'Lead Grantee'))
  const tec = options.totalEligibleCents ?? 105263158
  const f = options.funderCents ?? 100000000
  const creator = await makeMember(funder, 'grant_manager')
  const grant = await Grant.create({
    reference: `G-${Math.random().toString(36).slice(2, 8)}`,
    applicationId: null,
    callId: options.callId ?? null,
    granteeOrganisationId: grantee.id,
    funderOrganisationId: funder.id,
    parentGrantId: options.parent?.id ?? null,
    currency: 'EUR',
    totalEligibleCents: tec,
    funderCents: f,
    cofinancingCents: tec - f,
    paymentOption: options.paymentOption ?? 'option_2',
    prefinancingCapBp: 9000,
    startsOn: DateTime.fromISO(options.startsOn ?? '2026-01-01'),
    endsOn: DateTime.fromISO(options.endsOn ?? '2027-12-31'),
    reportingPeriodMonths: 12,
    status: options.status ?? 'signed',
    createdById: creator.id,
    statusReason: null,
    licenceNote: null,
  })
  await GrantBudgetLine.create({
    grantId: grant.id,
    version: 1,
    position: 0,
    heading: 'human_resources',
    label: 'Everything',
    unit: 'lump sum',
    quantityHundredths: 100,
    unitCostCents: tec,
    totalCents: tec,
    thirdParty: null,
  })
  return { grant, funder, grantee, creator }
}

/**
 * The four people of a payment path: a grantee applicant (requests), a
 * finance officer of the funder (verifies), a grant manager (approves) and
 * a second finance officer (records the payment).
 */
export async function paymentPeople(grant: Grant) {
  const { default: Organisation } = await import('#models/organisation')
  const funder = await Organisation.findOrFail(grant.funderOrganisationId)
  const grantee = await Organisation.findOrFail(grant.granteeOrganisationId)
  return {
    applicant: await makeMember(grantee, 'applicant'),
    finance: await makeMember(funder, 'finance_officer'),
    manager: await makeMember(funder, 'grant_manager'),
    recorder: await makeMember(funder, 'finance_officer'),
  }
}

/** Gives a user a second role in an organisation (memberships reloaded). */
export async function addRole(user: User, organisation: { id: number }, role: Membership['role']) {
  await Membership.create({ userId: user.id, organisationId: organisation.id, role })
  await user.loadMemberships()
  return user
}

/** A tranche already paid: its request, its payment and the ledger row, as the payment path leaves them. */
export async function paidTranche(
  grant: Grant,
  number: number,
  kind: 'initial_prefinancing' | 'further_prefinancing' | 'balance',
  amountCents: number,
  by: User
) {
  const { default: PaymentRequest } = await import('#models/payment_request')
  const { default: Payment } = await import('#models/payment')
  const { default: LedgerEntry } = await import('#models/ledger_entry')
  const request = await PaymentRequest.create({
    grantId: grant.id,
    number,
    kind,
    period: kind === 'balance' ? null : number,
    status: 'paid',
    currency: grant.currency,
    scheduledCents: amountCents,
    reductionCents: 0,
    payableCents: amountCents,
    requestedById: by.id,
    requestedAt: DateTime.utc(),
  })
  const payment = await Payment.create({
    paymentRequestId: request.id,
    grantId: grant.id,
    currency: grant.currency,
    amountCents,
    valueDate: DateTime.fromISO('2026-02-01'),
    bankReference: `B-${grant.id}-${number}`,
    idempotencyKey: `fixture-${grant.id}-${number}`,
    recordedById: by.id,
  })
  await LedgerEntry.create({
    grantId: grant.id,
    kind: 'disbursement',
    currency: grant.currency,
    amountCents,
    bookedOn: payment.valueDate,
    paymentId: payment.id,
    recoveryOrderId: null,
    description: `Tranche ${number}`,
    createdById: by.id,
  })
  return { request, payment }
}

/**
 * An expense report of `period` with one line claiming `claimedCents`,
 * submitted by the grantee, admitted by `finance` with `admittedCents` and
 * approved by `approver` (by default a second finance officer of the funder:
 * whoever admitted a line never approves the report).
 */
export async function approvedReport(
  grant: Grant,
  periodNumber: number,
  claimedCents: number,
  admittedCents: number,
  grantee: User,
  finance: User,
  approver?: User
) {
  const report = await new OpenExpenseReport().handle(grant.id, periodNumber, grantee, '127.0.0.1')
  const budgetLine = await GrantBudgetLine.query()
    .where('grant_id', grant.id)
    .orderBy('id')
    .firstOrFail()
  const period = grant.periods.find((p) => p.number === periodNumber)!
  const [line] = await new AddExpenseLines().handle(
    report.id,
    [
      {
        spentOn: period.startsOn,
        supplier: 'Supplier',
        description: `Costs of period ${periodNumber}`,
        budgetLineId: budgetLine.id,
        standard: 'MS-02',
        amountCents: claimedCents,
        currency: 'EUR',
        rateMicro: null,
        rateSource: null,
        vat: 'exempt',
        receiptNumber: null,
        supplierCountry: 'XK',
      },
    ],
    grantee,
    '127.0.0.1'
  )
  await new SubmitExpenseReport().handle(report.id, grantee, '127.0.0.1')
  await new AdmitExpenseLine().handle(
    line.id,
    admittedCents,
    admittedCents < claimedCents ? 'Partly eligible' : null,
    finance,
    '127.0.0.1'
  )
  const { default: Organisation } = await import('#models/organisation')
  const by =
    approver ??
    (await makeMember(await Organisation.findOrFail(grant.funderOrganisationId), 'finance_officer'))
  return new ApproveExpenseReport().handle(report.id, by, '127.0.0.1')
}
