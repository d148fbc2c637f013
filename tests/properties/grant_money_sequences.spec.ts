/*
| Money over time (DOMAIN-RULES §3–§5): random sequences of budget changes,
| reports, admissions and payments on one grant, through the actions the
| pages and the API call. After every step:
| - commitments − decommitments = F;
| - disbursed − recovered ≤ F, and F never below it;
| - F and TEC (so the contractual share) move only by an approved addendum,
|   and F never rises;
| - once a recovery is settled, disbursed − recovered = the final contribution;
| - every expense line's heading flag is what the rule gives on the baseline
|   (125 % of the baseline heading), and recomputing the report gives the
|   same flags.
| Half the grants have ended, so final reports, balances and recoveries happen too.
| MONEY_SEQUENCES (default 1000) and MONEY_SEED (default fixed, so CI is repeatable)
| reproduce or widen a run.
*/
import { test } from '@japa/runner'
import fc from 'fast-check'
import { writeFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import ExpenseLine from '#models/expense_line'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import { grantFinances } from '#queries/grant_finances'
import {
  apply,
  expectedFinalContribution,
  reached,
  expectedHeadingFlags,
  ledgerOf,
  operation,
  recomputedFlags,
  setUp,
  type World,
} from '#tests/properties/money_driver'

const runs = Number(process.env.MONEY_SEQUENCES ?? 1000)
const seed = Number(process.env.MONEY_SEED ?? 20261203)

async function checkInvariants(world: World, before: { f: number; tec: number }) {
  const grant = await Grant.findOrFail(world.grant.id)
  const ledger = await ledgerOf(grant)
  const where = () => world.log.join('\n')
  if (ledger.committed !== grant.funderCents) {
    throw new Error(
      `commitments − decommitments ${ledger.committed} ≠ F ${grant.funderCents}\n${where()}`
    )
  }
  if (ledger.disbursed - ledger.recovered > grant.funderCents) {
    throw new Error(`disbursed − recovered above F ${grant.funderCents}\n${where()}`)
  }
  if (grant.funderCents > before.f) throw new Error(`F rose from ${before.f}\n${where()}`)
  if (
    grant.funderCents !== world.contract.funderCents ||
    grant.totalEligibleCents !== world.contract.totalCents
  ) {
    throw new Error(
      `F/TEC ${grant.funderCents}/${grant.totalEligibleCents} moved without an addendum (contract ${world.contract.funderCents}/${world.contract.totalCents})\n${where()}`
    )
  }
  const finances = await grantFinances(grant)
  const expectedFinal = await expectedFinalContribution(world)
  if (finances.position.settlement.finalContributionCents !== expectedFinal) {
    throw new Error(
      `final contribution ${finances.position.settlement.finalContributionCents}, the rule gives ${expectedFinal}\n${where()}`
    )
  }
  // Once a recovery is settled, what the grantee keeps is exactly its final contribution.
  const { default: RecoveryOrder } = await import('#models/recovery_order')
  const recoveries = await RecoveryOrder.query().where('grant_id', grant.id)
  if (recoveries.length > 0 && recoveries.every((r) => r.status === 'settled')) {
    if (ledger.disbursed - ledger.recovered !== expectedFinal) {
      throw new Error(
        `after recovery the grantee keeps ${ledger.disbursed - ledger.recovered}, its final contribution is ${expectedFinal}\n${where()}`
      )
    }
  }
  const open = await ExpenseReport.query()
    .where('grant_id', grant.id)
    .whereNot('status', 'approved')
  for (const report of open) {
    const expected = await expectedHeadingFlags(world, report)
    const lines = await ExpenseLine.query().where('expense_report_id', report.id)
    for (const line of lines) {
      const flagged = line.flags.some((f) => f.code === 'HEADING_OVER_LIMIT')
      if (flagged !== expected.get(line.id)) {
        throw new Error(
          `line ${line.id}: heading flag ${flagged}, the rule on the baseline says ${expected.get(line.id)}\n${where()}`
        )
      }
    }
    const recomputed = await recomputedFlags(world, report)
    for (const line of lines) {
      if (recomputed.get(line.id) !== JSON.stringify(line.flags)) {
        throw new Error(`line ${line.id}: flags change when recomputed\n${where()}`)
      }
    }
  }
}

test.group('Properties: the money of one grant over time', () => {
  test('ledger, contract and flexibility flags hold after every step of the generated sequences', async ({
    assert,
  }) => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(operation, { minLength: 1, maxLength: 12 }),
        async (ended, ops) => {
          await db.beginGlobalTransaction()
          try {
            const world = await setUp(ended)
            for (const op of ops) {
              const grant = await Grant.findOrFail(world.grant.id)
              const before = { f: grant.funderCents, tec: grant.totalEligibleCents }
              world.log.push(JSON.stringify(op))
              await apply(world, op)
              await checkInvariants(world, before).catch((error) => {
                writeFileSync(app.tmpPath('money-sequence-failure.log'), world.log.join('\n'))
                throw error
              })
            }
          } finally {
            await db.rollbackGlobalTransaction()
          }
        }
      ),
      { numRuns: runs, seed, endOnFailure: true }
    )
    // Every kind of step got through somewhere in the run, so no property held vacuously.
    for (const kind of [
      'move',
      'resize',
      'addendum',
      'add',
      'approve',
      'request',
      'verify',
      'record',
      'issue',
      'settle',
    ]) {
      assert.isAbove(
        reached.get(kind) ?? 0,
        0,
        `no "${kind}" step got through: ${JSON.stringify([...reached])}`
      )
    }
  }).tags(['properties'])
})
