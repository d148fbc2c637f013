import Grant from '#models/grant'
import type User from '#models/user'

/**
 * The columns a list of grants shows (the API summary, the list page and its
 * CSV): a list reads and hydrates these, not the signatures, notes and
 * timestamps of every row.
 */
export const grantListColumns = [
  'id',
  'reference',
  'status',
  'status_reason',
  'parent_grant_id',
  'grantee_organisation_id',
  'funder_organisation_id',
  'currency',
  'total_eligible_cents',
  'funder_cents',
  'cofinancing_cents',
  'payment_option',
  'payment_option_reason',
  'prefinancing_cap_bp',
  'starts_on',
  'ends_on',
  'documents_confidential',
  'documents_confidential_reason',
].map((column) => `grants.${column}`)

/** The grants a person may see, newest first, with the names of grantee and funder. */
export function grantListQuery(user: User, status: unknown) {
  return Grant.query()
    .withScopes((s) => s.visibleTo(user))
    .if(typeof status === 'string' && status !== '', (q) => q.where('status', status as string))
    .select(grantListColumns)
    .preload('grantee', (q) => q.select('id', 'name'))
    .preload('funder', (q) => q.select('id', 'name'))
    .orderBy('starts_on', 'desc')
    .orderBy('id')
}
