import factory from '@adonisjs/lucid/factories'
import Organisation from '#models/organisation'

export const OrganisationFactory = factory
  .define(Organisation, ({ faker }) => ({
    name: `${faker.company.name()} ${faker.string.alphanumeric(4)}`,
    shortName: null,
    kind: 'ngo' as const,
    municipality: 'Prishtinë/Priština',
    status: 'active' as const,
  }))
  .state('contractingAuthority', (organisation) => {
    organisation.kind = 'contracting_authority'
  })
  .state('leadGrantee', (organisation) => {
    organisation.kind = 'lead_grantee'
  })
  .state('ministry', (organisation) => {
    organisation.kind = 'ministry'
  })
  .build()
