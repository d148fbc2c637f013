/**
 * What changed in an expense report between two snapshots (the version
 * returned for revision and the one submitted again): lines added,
 * removed, and changed field by field.
 */
export interface DiffableLine {
  id: number
  spentOn: string
  supplier: string
  description: string
  budgetLine: string | null
  standard: string
  claimedCents: number
}

export type LineChange =
  | { kind: 'added'; line: DiffableLine }
  | { kind: 'removed'; line: DiffableLine }
  | {
      kind: 'changed'
      line: DiffableLine
      fields: {
        field: keyof DiffableLine
        before: string | number | null
        after: string | number | null
      }[]
    }

const compared: (keyof DiffableLine)[] = [
  'spentOn',
  'supplier',
  'description',
  'budgetLine',
  'standard',
  'claimedCents',
]

export function diffLines(before: readonly DiffableLine[], after: readonly DiffableLine[]) {
  const changes: LineChange[] = []
  const previous = new Map(before.map((line) => [line.id, line]))
  const current = new Set(after.map((line) => line.id))
  for (const line of after) {
    const old = previous.get(line.id)
    if (!old) {
      changes.push({ kind: 'added', line })
      continue
    }
    const fields = compared
      .filter((field) => old[field] !== line[field])
      .map((field) => ({ field, before: old[field], after: line[field] }))
    if (fields.length > 0) changes.push({ kind: 'changed', line, fields })
  }
  for (const line of before) {
    if (!current.has(line.id)) changes.push({ kind: 'removed', line })
  }
  return changes
}
