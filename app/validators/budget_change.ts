import vine from '@vinejs/vine'
import { budgetHeadings } from '#domain/budget/budget'
import { budgetLine } from '#validators/budget'
import { isoDate } from '#validators/dates'
import { moneyAmount, totalWithinRange } from '#validators/money'

const effectiveOn = () => isoDate().optional()

const justification = () => vine.string().trim().minLength(1).maxLength(5000)

/** The stable key of the current budget line a proposed line continues; absent for a new line. */
const lineKey = () => vine.string().trim().maxLength(36).optional()

/**
 * A proposed budget from the web form: every line of the new budget, unit
 * costs typed as amounts ("1 250,50"), turned into cents.
 */
export const proposeBudgetChangeValidator = vine.create({
  effectiveOn: effectiveOn(),
  justification: justification(),
  lines: vine
    .array(
      vine.object({
        heading: vine.enum(budgetHeadings),
        label: vine.string().trim().minLength(1).maxLength(255),
        unit: vine.string().trim().minLength(1).maxLength(40),
        quantity: vine
          .string()
          .trim()
          .regex(/^\d{1,9}(\.\d{1,2})?$/),
        unitCost: moneyAmount(),
        thirdParty: vine.string().trim().maxLength(160).optional(),
        lineKey: lineKey(),
      })
    )
    .minLength(1)
    .maxLength(500)
    .use(totalWithinRange({ amount: 'unitCost', quantity: 'quantity' })),
})

/** The same through the API: amounts are integer cents, like every API amount. */
export const apiProposeBudgetChangeValidator = vine.create({
  effectiveOn: effectiveOn(),
  justification: justification(),
  lines: vine
    .array(
      vine.object({
        ...budgetLine().getProperties(),
        lineKey: lineKey(),
      })
    )
    .minLength(1)
    .maxLength(500)
    .use(totalWithinRange({ amount: 'unitCostCents', quantity: 'quantity' })),
})

/** The funder's decision on an addendum request; a refusal gives its reason. */
export const budgetChangeDecisionValidator = vine.create({
  decision: vine.enum(['approve', 'refuse'] as const),
  comment: vine.string().trim().maxLength(2000).optional().requiredWhen('decision', '=', 'refuse'),
})
