import { test } from '@japa/runner'
import {
  assignableRoles,
  isLastAdministrator,
  mayActOnAccount,
  mayAssign,
  peopleAuthority,
} from '#domain/people'
import { isPrimaryOnAdd, mayRemove } from '#domain/bank_accounts'

const ngo = { id: 2 }
const other = { id: 3 }

test.group('Domain: who manages whose people', () => {
  test('an administrator manages everyone; a people manager only their organisation', ({
    assert,
  }) => {
    const admin = [{ organisationId: 1, role: 'admin' as const, managesPeople: false }]
    const manager = [{ organisationId: 2, role: 'applicant' as const, managesPeople: true }]
    const member = [{ organisationId: 2, role: 'applicant' as const, managesPeople: false }]
    assert.equal(peopleAuthority(admin, other), 'admin')
    assert.equal(peopleAuthority(manager, ngo), 'delegate')
    assert.isNull(peopleAuthority(manager, other))
    assert.isNull(peopleAuthority(member, ngo))
  })

  test('roles follow the organisation kind; delegates never give a programme-wide role', ({
    assert,
  }) => {
    assert.sameMembers(assignableRoles('admin', 'ngo'), ['applicant', 'assessor'])
    assert.include(assignableRoles('admin', 'contracting_authority'), 'admin')
    assert.sameMembers(assignableRoles('delegate', 'lead_grantee'), ['applicant', 'assessor'])
    assert.sameMembers(assignableRoles('delegate', 'ministry'), ['assessor'])
    assert.deepEqual(assignableRoles('delegate', 'audit_firm'), [])
    assert.deepEqual(assignableRoles(null, 'ngo'), [])
    assert.isFalse(mayAssign('delegate', 'contracting_authority', 'admin'))
    assert.isFalse(mayAssign('admin', 'ngo', 'grant_manager'))
  })

  test('a delegate acts on an account only when every role is one they could give', ({
    assert,
  }) => {
    const authority = (id: number) => (id === 2 ? ('delegate' as const) : null)
    const kind = () => 'ngo' as const
    assert.isTrue(mayActOnAccount(authority, kind, [{ organisationId: 2, role: 'applicant' }]))
    assert.isFalse(
      mayActOnAccount(authority, kind, [
        { organisationId: 2, role: 'applicant' },
        { organisationId: 3, role: 'applicant' },
      ])
    )
    assert.isFalse(mayActOnAccount(authority, kind, []))
  })

  test('the last administrator and the primary account', ({ assert }) => {
    assert.isTrue(isLastAdministrator(0))
    assert.isFalse(isLastAdministrator(1))
    assert.isTrue(isPrimaryOnAdd(0, false))
    assert.isTrue(isPrimaryOnAdd(2, true))
    assert.isFalse(isPrimaryOnAdd(2, undefined))
    assert.isFalse(mayRemove({ isPrimary: true }, 2))
    assert.isTrue(mayRemove({ isPrimary: true }, 1))
    assert.isTrue(mayRemove({ isPrimary: false }, 2))
  })
})
