import { test } from '@japa/runner'
import { navigationFor, organisationIds, rolesIn, seesAllOrganisations } from '#domain/roles'

test.group('Roles', () => {
  test('applicants and assessors see only their own organisations', ({ assert }) => {
    assert.isFalse(seesAllOrganisations([{ organisationId: 4, role: 'applicant' }]))
    assert.isFalse(seesAllOrganisations([{ organisationId: 1, role: 'assessor' }]))
    assert.isTrue(seesAllOrganisations([{ organisationId: 1, role: 'grant_manager' }]))
    assert.isTrue(seesAllOrganisations([{ organisationId: 3, role: 'mlsw_official' }]))
  })

  test('roles are held per organisation', ({ assert }) => {
    const memberships = [
      { organisationId: 1, role: 'grant_manager' as const },
      { organisationId: 2, role: 'assessor' as const },
      { organisationId: 1, role: 'finance_officer' as const },
    ]
    assert.deepEqual(rolesIn(memberships, 1), ['grant_manager', 'finance_officer'])
    assert.deepEqual(organisationIds(memberships), [1, 2])
  })

  test('navigation depends on the roles', ({ assert }) => {
    assert.deepEqual(navigationFor([{ organisationId: 4, role: 'applicant' }]), [
      'dashboard',
      'calls',
      'grants',
      'handover',
      'monitoring',
      'organisations',
      'shelters',
      'licences',
      'profile',
    ])
    assert.deepEqual(navigationFor([{ organisationId: 1, role: 'admin' }]), [
      'dashboard',
      'calls',
      'grants',
      'licensing',
      'handover',
      'indicators',
      'monitoring',
      'organisations',
      'shelters',
      'licences',
      'users',
      'audit',
      'profile',
    ])
    assert.deepEqual(navigationFor([{ organisationId: 1, role: 'auditor' }]), [
      'dashboard',
      'calls',
      'grants',
      'licensing',
      'handover',
      'indicators',
      'monitoring',
      'organisations',
      'shelters',
      'licences',
      'audit',
      'profile',
    ])
  })
})
