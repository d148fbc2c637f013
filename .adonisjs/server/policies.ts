export const policies = {
  OrganisationPolicy: () => import('#policies/organisation_policy'),
}

