import { allocate } from '#domain/money'

/**
 * Donor funding of a shelter (DOMAIN-RULES §10) is computed, never entered:
 * the sub-grant payments to the organisation that runs it, by value-date
 * year, less recoveries. An organisation running several shelters has its
 * payments split among them by beds (largest remainder, so the parts add
 * up to the cent).
 */
export function splitAmongShelters(
  totalCents: number,
  shelters: readonly { id: number; beds: number }[]
): Map<number, number> {
  if (shelters.length === 0) return new Map()
  const parts = allocate(
    totalCents,
    shelters.map((s) => s.beds)
  )
  return new Map(shelters.map((s, index) => [s.id, parts[index]]))
}
