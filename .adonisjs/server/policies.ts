export const policies = {
  LicencePolicy: () => import('#policies/licence_policy'),
  OrganisationPolicy: () => import('#policies/organisation_policy'),
  ShelterPolicy: () => import('#policies/shelter_policy'),
}

