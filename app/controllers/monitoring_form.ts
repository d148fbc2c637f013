/**
 * The visit report form as the validator reads it: empty fields left out,
 * action point rows without a title dropped, an owner chosen as
 * "organisation:user" split in two.
 */
export function recordFormData(input: Record<string, unknown>) {
  const clean = (row: unknown) =>
    Object.fromEntries(
      Object.entries((row ?? {}) as Record<string, unknown>).filter(
        ([, value]) => value !== '' && value !== null && value !== undefined
      )
    )
  const checks = Array.isArray(input.checks) ? input.checks.map(clean) : []
  const points = (Array.isArray(input.actionPoints) ? input.actionPoints : [])
    .map(clean)
    .filter((row) => typeof row.title === 'string' && row.title.trim() !== '')
    .map(({ owner, ...row }) => {
      if (typeof owner !== 'string') return row
      const [organisation, user] = owner.split(':')
      return {
        ...row,
        ownerOrganisationId: organisation,
        ...(user ? { ownerUserId: user } : {}),
      }
    })
  return clean({
    visitedOn: input.visitedOn,
    findings: input.findings,
    checks,
    actionPoints: points,
  })
}
