/*
| A driver for property tests of the money of one grant over time: it sets
| up a signed grant with a budget over every heading and the four people of
| the payment path, and applies generated operations through the same
| actions the pages and the API call. A refusal (4xx) is an expected answer;
| anything else fails the property.
*/
import { DateTime } from 'luxon'
import fc from 'fast-check'
import db from '@adonisjs/lucid/services/db'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { AdmitExpenseLine } from '#actions/reports/admit_expense_line'
import { ApproveExpenseReport } from '#actions/reports/approve_expense_report'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { SubmitExpenseReport } from '#actions/reports/submit_expense_report'
import { refreshReport } from '#actions/reports/refresh_report'
import { ProposeBudgetChange } from '#actions/grants/propose_budget_change'
import { DecideBudgetChange } from '#actions/grants/decide_budget_change'
import { budgetVersions, lineInputOf } from '#actions/grants/budget_change_support'
import { RequestPayment } from '#actions/grants/request_payment'
import { VerifyPaymentRequest } from '#actions/grants/verify_payment_request'
import { ApprovePaymentRequest } from '#actions/grants/approve_payment_request'
import { RecordPayment } from '#actions/grants/record_payment'
import type { BudgetHeading } from '#domain/budget/budget'
import ExpenseLine from '#models/expense_line'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import LedgerEntry from '#models/ledger_entry'
import PaymentRequest from '#models/payment_request'
import type User from '#models/user'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember } from '#tests/helpers'

const ip = '127.0.0.1'
const today = '2026-12-03'

/** The signed budget: every heading, indirect at 7 % of D and contingency at 5 % of D. */
export const signedBudget: { heading: BudgetHeading; cents: number }[] = [
  { heading: 'human_resources', cents: 40_000_000 },
  { heading: 'travel', cents: 10_000_000 },
  { heading: 'equipment_supplies', cents: 10_000_000 },
  { heading: 'local_office', cents: 5_000_000 },
  { heading: 'other_costs_services', cents: 15_000_000 },
  { heading: 'indirect', cents: 5_600_000 },
  { heading: 'contingency', cents: 4_000_000 },
]
const direct = signedBudget.slice(0, 5).map((l) => l.heading)
const headings = signedBudget.map((l) => l.heading)

export type Operation =
  | { kind: 'move'; from: number; to: number; shareBp: number }
  | { kind: 'resize'; heading: number; changeBp: number; approve: boolean }
  | { kind: 'report'; lines: { heading: number; cents: number; admitBp: number }[]; stop: boolean }
  | { kind: 'pay'; steps: number }
  | { kind: 'recover' }

export const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      from: fc.nat({ max: headings.length - 1 }),
      to: fc.nat({ max: headings.length - 1 }),
      shareBp: fc.integer({ min: 1, max: 4000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('resize' as const),
      heading: fc.nat({ max: direct.length - 1 }),
      changeBp: fc.integer({ min: -3000, max: 3000 }),
      approve: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('report' as const),
      lines: fc.array(
        fc.record({
          heading: fc.nat({ max: headings.length - 1 }),
          cents: fc.integer({ min: 1, max: 12_000_000 }),
          admitBp: fc.integer({ min: 0, max: 10_000 }),
        }),
        { minLength: 1, maxLength: 4 }
      ),
      stop: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      steps: fc.integer({ min: 1, max: 4 }),
    }),
  }
)

/** How often each kind of step got through, over a whole run: the properties must not hold vacuously. */
export const reached = new Map<string, number>()

export interface World {
  grant: Grant
  grantee: User
  verifier: User
  approver: User
  recorder: User
  reportApprover: User
  /** The contract as signed or last amended by addendum: F, TEC and the baseline per heading. */
  contract: { funderCents: number; totalCents: number; baseline: Map<BudgetHeading, number> }
  log: string[]
}

/**
 * A running grant (2026–2027), or one whose implementation ended on 30 June
 * 2026, so that its final report, balance and recoveries can happen.
 */
export async function setUp(ended = false): Promise<World> {
  const tec = signedBudget.reduce((sum, l) => sum + l.cents, 0)
  const f = Number((BigInt(tec) * 9500n) / 10000n)
  const {
    grant,
    funder,
    grantee: granteeOrg,
  } = await makeSignedGrant({
    totalEligibleCents: tec,
    funderCents: f,
    ...(ended ? { startsOn: '2025-01-01', endsOn: '2026-06-30' } : {}),
  })
  await GrantBudgetLine.query().where('grant_id', grant.id).delete()
  for (const [position, line] of signedBudget.entries()) {
    await GrantBudgetLine.create({
      grantId: grant.id,
      version: 1,
      position,
      heading: line.heading,
      label: line.heading,
      unit: 'lump sum',
      quantityHundredths: 100,
      unitCostCents: line.cents,
      totalCents: line.cents,
      thirdParty: null,
    })
  }
  const grantee = await makeMember(granteeOrg, 'applicant')
  await LedgerEntry.create({
    grantId: grant.id,
    kind: 'commitment',
    currency: 'EUR',
    amountCents: f,
    bookedOn: DateTime.fromISO('2026-01-01'),
    paymentId: null,
    recoveryOrderId: null,
    description: 'Commitment',
    createdById: grantee.id,
  })
  return {
    grant,
    grantee,
    verifier: await makeMember(funder, 'finance_officer'),
    approver: await makeMember(funder, 'grant_manager'),
    recorder: await makeMember(funder, 'finance_officer'),
    reportApprover: await makeMember(funder, 'finance_officer'),
    contract: {
      funderCents: f,
      totalCents: tec,
      baseline: new Map(signedBudget.map((l) => [l.heading, l.cents])),
    },
    log: [],
  }
}

/** A refusal the person sees as a 4xx; anything else is a failure. */
async function refusable(world: World, what: string, step: () => Promise<unknown>) {
  try {
    await step()
    world.log.push(`${what}: done`)
    const kind = what.split(' ')[0]
    reached.set(kind, (reached.get(kind) ?? 0) + 1)
    return true
  } catch (error) {
    const status = (error as { status?: number }).status
    if (typeof status === 'number' && status >= 400 && status < 500) {
      world.log.push(`${what}: refused (${(error as Error).message})`)
      return false
    }
    throw error
  }
}

async function currentLines(grant: Grant) {
  const { currentVersion } = await budgetVersions(grant)
  return GrantBudgetLine.query()
    .where('grant_id', grant.id)
    .where('version', currentVersion)
    .orderBy('position')
}

function proposalOf(lines: GrantBudgetLine[], change: Map<BudgetHeading, number>) {
  return lines.map((line) => {
    const input = lineInputOf(line)
    const delta = change.get(line.heading) ?? 0
    change.delete(line.heading)
    return { ...input, quantity: '1', unitCostCents: line.totalCents + delta }
  })
}

export async function apply(world: World, op: Operation) {
  const grant = await Grant.findOrFail(world.grant.id)
  switch (op.kind) {
    case 'move': {
      if (op.from === op.to) return
      const lines = await currentLines(grant)
      const from = lines.find((l) => l.heading === headings[op.from])!
      const amount = Math.floor((from.totalCents * op.shareBp) / 10_000)
      if (amount === 0) return
      const change = new Map<BudgetHeading, number>([
        [headings[op.from], -amount],
        [headings[op.to], amount],
      ])
      const proposal = proposalOf(lines, change)
      const proposed = await refusable(world, `move ${amount} ${op.from}→${op.to}`, () =>
        new ProposeBudgetChange().handle(
          grant.id,
          { lines: proposal, justification: 'Reallocation', effectiveOn: null },
          world.grantee,
          ip,
          today
        )
      )
      if (proposed) await decidePending(world, proposal, true)
      return
    }
    case 'resize': {
      const lines = await currentLines(grant)
      const line = lines.find((l) => l.heading === direct[op.heading])!
      const delta = Math.trunc((line.totalCents * op.changeBp) / 10_000)
      if (delta === 0) return
      const proposal = proposalOf(lines, new Map([[direct[op.heading], delta]]))
      const proposed = await refusable(world, `resize ${direct[op.heading]} by ${delta}`, () =>
        new ProposeBudgetChange().handle(
          grant.id,
          { lines: proposal, justification: 'Amendment', effectiveOn: null },
          world.grantee,
          ip,
          today
        )
      )
      if (proposed) await decidePending(world, proposal, op.approve)
      return
    }
    case 'report':
      return fileReport(world, grant, op)
    case 'pay':
      for (let step = 0; step < op.steps; step++) await pay(world, grant)
      return
    case 'recover':
      return recover(world, grant)
  }
}

/** Decides a pending addendum request; an approval moves the contract. */
async function decidePending(
  world: World,
  proposal: { heading: BudgetHeading; unitCostCents: number }[],
  approve: boolean
) {
  const { default: BudgetChange } = await import('#models/budget_change')
  const pending = await BudgetChange.query()
    .where('grant_id', world.grant.id)
    .where('status', 'requested')
    .first()
  if (!pending) return
  const approved = await refusable(world, `addendum ${approve ? 'approve' : 'refuse'}`, () =>
    new DecideBudgetChange().handle(
      pending.id,
      approve ? 'approved' : 'refused',
      approve ? null : 'Not now',
      world.approver,
      ip
    )
  )
  if (approved && approve) {
    const grant = await Grant.findOrFail(world.grant.id)
    world.contract = {
      funderCents: grant.funderCents,
      totalCents: grant.totalEligibleCents,
      baseline: new Map(
        headings.map((h) => [
          h,
          proposal.filter((l) => l.heading === h).reduce((s, l) => s + l.unitCostCents, 0),
        ])
      ),
    }
  }
}

async function fileReport(world: World, grant: Grant, op: Extract<Operation, { kind: 'report' }>) {
  let open = await ExpenseReport.query()
    .where('grant_id', grant.id)
    .whereNot('status', 'approved')
    .orderBy('id', 'desc')
    .first()
  if (!open) {
    const done = await ExpenseReport.query().where('grant_id', grant.id).count('* as n')
    const next = Number(done[0].$extras.n) + 1
    if (next > grant.periods.length) return
    const opened = await refusable(world, `open report ${next}`, async () => {
      open = await new OpenExpenseReport().handle(grant.id, next, world.grantee, ip)
    })
    if (!opened || !open) return
  }
  const report = open as ExpenseReport
  if (report.status === 'draft') {
    const lines = await currentLines(grant)
    const period = grant.periods.find((p) => p.number === report.periodNumber)!
    const inputs = op.lines.map((l, i) => ({
      spentOn: period.startsOn,
      supplier: `Supplier ${i}`,
      description: `Cost ${i}`,
      budgetLineId: lines.find((b) => b.heading === headings[l.heading])!.id,
      standard: 'MS-02',
      amountCents: l.cents,
      currency: 'EUR',
      rateMicro: null,
      rateSource: null,
      vat: 'exempt' as const,
      receiptNumber: `R-${report.id}-${i}-${l.cents}`,
      supplierCountry: 'XK',
    }))
    await refusable(world, `add ${inputs.length} lines`, () =>
      new AddExpenseLines().handle(report.id, inputs, world.grantee, ip)
    )
    if (report.periodNumber === grant.periods.length && grant.endsOn.toISODate()! < today) {
      // The grant manager records the end of implementation before the final report.
      const { GrantLifecycle } = await import('#actions/grants/grant_lifecycle')
      await refusable(world, 'end implementation', () =>
        new GrantLifecycle().transition(
          grant.id,
          'end_implementation',
          null,
          world.approver,
          ip,
          today
        )
      )
    }
    await refusable(world, 'submit report', () =>
      new SubmitExpenseReport().handle(report.id, world.grantee, ip)
    )
    if (op.stop) return
  }
  const fresh = await ExpenseReport.findOrFail(report.id)
  if (fresh.status === 'approved' || fresh.status === 'draft') return
  const lines = await ExpenseLine.query().where('expense_report_id', report.id).orderBy('id')
  for (const [i, line] of lines.entries()) {
    if (line.admittedCents !== null) continue
    const admitBp = op.lines[i % op.lines.length].admitBp
    const admitted = Math.floor((line.claimedCents * admitBp) / 10_000)
    await refusable(world, `admit line ${line.id}`, () =>
      new AdmitExpenseLine().handle(
        line.id,
        admitted,
        admitted < line.claimedCents ? 'Partly eligible' : null,
        world.verifier,
        ip
      )
    )
  }
  const approved = await refusable(world, 'approve report', () =>
    new ApproveExpenseReport().handle(report.id, world.reportApprover, ip)
  )
  // After the final report, an over-paid grantee gets a recovery order.
  if (approved && report.periodNumber === grant.periods.length) await recover(world, grant)
}

/** Moves the grant's open payment request one step on, or asks for the next tranche. */
async function pay(world: World, grant: Grant) {
  const open = await PaymentRequest.query()
    .where('grant_id', grant.id)
    .whereIn('status', ['requested', 'verified', 'approved'])
    .first()
  if (!open) {
    await refusable(world, 'request tranche', () =>
      new RequestPayment().handle(grant.id, world.grantee, ip, today)
    )
    return
  }
  if (open.status === 'requested') {
    await refusable(world, `verify request ${open.id}`, () =>
      new VerifyPaymentRequest().handle(open.id, world.verifier, {}, ip, today)
    )
  } else if (open.status === 'verified') {
    await refusable(world, `approve request ${open.id}`, () =>
      new ApprovePaymentRequest().handle(open.id, world.approver, ip, today)
    )
  } else {
    await refusable(world, `record payment ${open.id}`, () =>
      new RecordPayment().handle(
        open.id,
        world.recorder,
        { valueDate: today, bankReference: `B-${open.id}`, idempotencyKey: `k-${open.id}` },
        ip,
        today
      )
    )
  }
}

/** The ledger of the grant, summed by kind. */
export async function ledgerOf(grant: Grant) {
  const rows = await LedgerEntry.query()
    .where('grant_id', grant.id)
    .groupBy('kind')
    .select('kind')
    .sum('amount_cents as total')
  const sums = new Map(rows.map((r) => [r.kind, Number(r.$extras.total)]))
  return {
    committed: (sums.get('commitment') ?? 0) - (sums.get('decommitment') ?? 0),
    disbursed: sums.get('disbursement') ?? 0,
    recovered: sums.get('recovery') ?? 0,
  }
}

/**
 * The flexibility flag by the rule itself (DOMAIN-RULES §5): per heading,
 * admitted in approved reports plus what this report claims, in date order,
 * over 125 % of the baseline heading flags the line that crosses the limit
 * and every later one.
 */
export async function expectedHeadingFlags(world: World, report: ExpenseReport) {
  const everyLine = await GrantBudgetLine.query().where('grant_id', world.grant.id)
  const headingOf = new Map(everyLine.map((l) => [l.id, l.heading]))
  const approvedLines = await ExpenseLine.query()
    .join('expense_reports', 'expense_reports.id', 'expense_lines.expense_report_id')
    .where('expense_reports.grant_id', world.grant.id)
    .where('expense_reports.status', 'approved')
    .whereNot('expense_reports.id', report.id)
    .select('expense_lines.*')
  const used = new Map<BudgetHeading, number>()
  for (const line of approvedLines) {
    const heading = headingOf.get(line.grantBudgetLineId!)!
    used.set(heading, (used.get(heading) ?? 0) + (line.admittedCents ?? 0))
  }
  const lines = await ExpenseLine.query()
    .where('expense_report_id', report.id)
    .orderBy('position')
    .orderBy('id')
  const ordered = lines
    .map((line, index) => ({ line, index }))
    .sort((a, b) => {
      const x = a.line.spentOn.toISODate()!
      const y = b.line.spentOn.toISODate()!
      return x === y ? a.index - b.index : x < y ? -1 : 1
    })
  const crossed = new Set<BudgetHeading>()
  const flags = new Map<number, boolean>()
  for (const { line } of ordered) {
    const heading = headingOf.get(line.grantBudgetLineId!)!
    const total = (used.get(heading) ?? 0) + line.claimedCents
    used.set(heading, total)
    const limit = Math.floor(((world.contract.baseline.get(heading) ?? 0) * 12_500) / 10_000)
    if (total > limit) crossed.add(heading)
    flags.set(line.id, crossed.has(heading))
  }
  return flags
}

/** Recomputes a report's flags in a transaction that is rolled back, and returns them by line. */
export async function recomputedFlags(world: World, report: ExpenseReport) {
  const trx = await db.transaction()
  try {
    const grant = await Grant.findOrFail(world.grant.id, { client: trx })
    const { currentLines: lines } = await budgetVersions(grant, trx)
    await refreshReport(trx, report, grant, lines)
    const after = await ExpenseLine.query({ client: trx }).where('expense_report_id', report.id)
    return new Map(after.map((l) => [l.id, JSON.stringify(l.flags)]))
  } finally {
    await trx.rollback()
  }
}

/**
 * The final contribution by the rule itself (DOMAIN-RULES §3–§4), from the
 * admitted amounts of approved reports: indirect costs accepted up to
 * floor(7 % × accepted direct), contingency up to the approved releases,
 * then min(F, round(accepted × F / TEC)).
 */
export async function expectedFinalContribution(world: World) {
  const grant = await Grant.findOrFail(world.grant.id)
  const everyLine = await GrantBudgetLine.query().where('grant_id', grant.id)
  const headingOf = new Map(everyLine.map((l) => [l.id, l.heading]))
  const lines = await ExpenseLine.query()
    .join('expense_reports', 'expense_reports.id', 'expense_lines.expense_report_id')
    .where('expense_reports.grant_id', grant.id)
    .where('expense_reports.status', 'approved')
    .select('expense_lines.*')
  let directCents = 0n
  let indirectCents = 0n
  let contingencyCents = 0n
  for (const line of lines) {
    const heading = headingOf.get(line.grantBudgetLineId!)!
    const admitted = BigInt(line.admittedCents ?? 0)
    if (heading === 'indirect') indirectCents += admitted
    else if (heading === 'contingency') contingencyCents += admitted
    else directCents += admitted
  }
  const { default: ContingencyRelease } = await import('#models/contingency_release')
  const released = BigInt(await ContingencyRelease.approvedCents(grant.id))
  const indirectCap = (directCents * 7n) / 100n
  const accepted =
    directCents +
    (indirectCents < indirectCap ? indirectCents : indirectCap) +
    (contingencyCents < released ? contingencyCents : released)
  const f = BigInt(grant.funderCents)
  const tec = BigInt(grant.totalEligibleCents)
  const numerator = accepted * f
  const funded = (2n * numerator + tec) / (2n * tec)
  return Number(funded < f ? funded : f)
}

/** Issues the recovery order of an over-paid grant after its final report, and records it paid back. */
async function recover(world: World, grant: Grant) {
  const { GrantLifecycle } = await import('#actions/grants/grant_lifecycle')
  const { default: RecoveryOrder } = await import('#models/recovery_order')
  const issued = await refusable(world, 'issue recovery', () =>
    new GrantLifecycle().issueRecovery(grant.id, world.approver, ip, today)
  )
  if (!issued) return
  const open = await RecoveryOrder.query().where('grant_id', grant.id).where('status', 'open')
  for (const order of open) {
    await refusable(world, `settle recovery ${order.id}`, () =>
      new GrantLifecycle().settleRecovery(
        order.id,
        { settledOn: today, reference: `R-${order.id}` },
        world.recorder,
        ip
      )
    )
  }
}
