import db from '@adonisjs/lucid/services/db'
import type { BudgetChangeProposal } from '#actions/grants/propose_budget_change'
import { analyseProposal } from '#actions/grants/propose_budget_change'
import BudgetChangeRefusedException from '#exceptions/budget_change_refused_exception'
import type Grant from '#models/grant'
import { todayInKosovo } from '#services/clock'

/** A proposal analysed in a read-only transaction (rolled back): the outcome or the refusal. */
export async function previewOf(grant: Grant, proposal: BudgetChangeProposal) {
  const trx = await db.transaction()
  try {
    const { analysis } = await analyseProposal(trx, grant, proposal, todayInKosovo())
    return {
      kind: analysis.kind,
      addendumReasons: analysis.addendumReasons,
      headings: analysis.headings.map((h) => ({
        ...h,
        changeBp: h.changeBp === null ? null : h.changeBp.toString(),
      })),
      totalEligibleAfterCents: analysis.totalEligibleAfterCents,
      funderAfterCents: analysis.funderAfterCents,
      refusal: null,
    }
  } catch (error) {
    if (!(error instanceof BudgetChangeRefusedException)) throw error
    return {
      kind: null,
      addendumReasons: [],
      headings: [],
      totalEligibleAfterCents: null,
      funderAfterCents: null,
      refusal: { code: error.code!, message: error.message, params: error.params },
    }
  } finally {
    await trx.rollback()
  }
}
