import type { DateTime } from 'luxon'
import { amountInput } from '#providers/app_provider'
import { rateText } from '#domain/reports/exchange'
import { exportOnlyColumns, importColumns } from '#services/expense_import'

interface BudgetLineRef {
  id: number
  position: number
  label: string
}

interface LineRow {
  position: number
  spentOn: DateTime
  supplier: string
  description: string
  grantBudgetLineId: number | null
  standardCode: string
  amountCents: number
  currency: string
  exchangeRateMicro: number | null
  rateSource: string | null
  vat: string
  receiptNumber: string | null
  supplierCountry: string
  claimedCents: number
  receipts: unknown[]
  flags: { code: string }[]
  admittedCents: number | null
  admissionReason: string | null
}

/** The header of the lines CSV: the import's columns, then the verification. */
export const linesCsvHeader = [...importColumns, ...exportOnlyColumns]

/** Budget line numbers as people see them and as the import reads them: 1 for the first by position. */
function numbering(budgetLines: readonly BudgetLineRef[]) {
  const ordered = [...budgetLines].sort((a, b) => a.position - b.position)
  return new Map(ordered.map((line, index) => [line.id, index + 1]))
}

/**
 * The report's lines in the import format (ADR 0021): amounts in decimal
 * euros with a point ("1250.50"), budget lines by number, so the file
 * re-imports as it is; verification columns follow, read past by the import.
 */
export function linesCsvRows(lines: readonly LineRow[], budgetLines: readonly BudgetLineRef[]) {
  const numberOf = numbering(budgetLines)
  return lines.map((line) => [
    line.spentOn.toISODate(),
    line.supplier,
    line.description,
    line.grantBudgetLineId === null ? '' : (numberOf.get(line.grantBudgetLineId) ?? ''),
    line.standardCode,
    amountInput(line.amountCents),
    line.currency,
    line.exchangeRateMicro === null ? '' : rateText(line.exchangeRateMicro),
    line.rateSource ?? '',
    line.vat,
    line.receiptNumber ?? '',
    line.supplierCountry,
    line.position,
    amountInput(line.claimedCents),
    line.receipts.length,
    line.flags.map((flag) => flag.code).join(' '),
    line.admittedCents === null ? '' : amountInput(line.admittedCents),
    line.admissionReason ?? '',
  ])
}

/** Three spendings of a shelter; `item` names the description in `texts.sample_lines`. */
const sampleSpending = [
  {
    supplier: 'Shpresa Catering',
    item: 'meals',
    amount: '1250.50',
    standard: 'MS-02',
  },
  {
    supplier: 'Apteka Prishtina',
    item: 'first_aid',
    amount: '86.40',
    standard: 'MS-03',
  },
  {
    supplier: 'Alb Security',
    item: 'security',
    amount: '2100.00',
    standard: 'MS-01',
  },
]

/**
 * A sample import file for one report: its grant's real budget lines (by
 * number, label in the description), dates inside the report's period,
 * euros, so it imports with no error as it is. The descriptions are in the
 * reader's language (`texts.sample_lines.*`).
 */
export function sampleCsvRows(
  budgetLines: readonly BudgetLineRef[],
  periodStart: string,
  reader: { t(key: string): string },
  currency = 'EUR'
) {
  const ordered = [...budgetLines].sort((a, b) => a.position - b.position)
  return ordered.slice(0, 3).map((line, index) => {
    const spending = sampleSpending[index]
    return [
      periodStart,
      spending.supplier,
      `${reader.t(`texts.sample_lines.${spending.item}`)} (${line.label})`,
      index + 1,
      spending.standard,
      spending.amount,
      currency,
      '',
      '',
      'exempt',
      `S-${index + 1}`,
      'XK',
    ]
  })
}
