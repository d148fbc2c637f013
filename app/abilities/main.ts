/*
| Pre-registered abilities. Most authorisation lives in policies
| (app/policies); abilities are for checks that belong to no resource.
*/
import { Bouncer } from '@adonisjs/bouncer'
import type User from '#models/user'
import { TwoFactor } from '#services/two_factor'
import { managesAnyPeople } from '#domain/people'

export const administer = Bouncer.ability((user: User) => user.hasRole('admin'))

/** The people pages: administrators, and the people managers of an organisation (ADR 0020). */
export const managePeople = Bouncer.ability((user: User) => managesAnyPeople(user.memberships))

export const readAuditTrail = Bouncer.ability((user: User) => user.hasAnyRole(['admin', 'auditor']))

/** The licensing dashboard: MLSW officials and programme staff. */
export const readLicensing = Bouncer.ability((user: User) =>
  user.hasAnyRole(['mlsw_official', 'grant_manager', 'finance_officer', 'auditor', 'admin'])
)

/**
 * Resetting another person's two-factor enrolment (a lost phone): an admin,
 * never on their own account (they use their profile), and only while the
 * admin signs in with a second factor themself when it is required.
 */
export const resetTwoFactor = Bouncer.ability((user: User, person: User) => {
  if (!user.hasRole('admin') || user.id === person.id) return false
  return !TwoFactor.isMandatoryFor(user) || user.hasTwoFactor
})
