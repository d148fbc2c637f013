import { AddBankAccount } from '#actions/organisations/add_bank_account'
import { CreateOrganisation } from '#actions/organisations/create_organisation'
import { UpdateOrganisation } from '#actions/organisations/update_organisation'
import { ResetPassword } from '#actions/auth/reset_password'
import { CreateFirstAdmin } from '#actions/users/create_first_admin'
import { InviteUser } from '#actions/users/invite_user'
import type { OrganisationKind, Role } from '#domain/roles'
import type Organisation from '#models/organisation'
import User from '#models/user'

const ip = '127.0.0.1'

export interface DemoOrganisation {
  key: string
  name: string
  shortName: string
  kind: OrganisationKind
  municipalityCode: string
  /** The primary bank account, for the payment orders. */
  iban?: string
}

export interface DemoUser {
  email: string
  fullName: string
  memberships: [string, Role][]
  managesPeople?: boolean
}

/**
 * The demo's organisations and people, made by the same actions a real
 * deployment uses (ADR 0020): the first administrator and the funder by
 * `admin:create`'s action, the other organisations through the registry,
 * each person invited and accepting the invitation with the demo password.
 * No row is written here that the app itself would not write.
 */
export class DemoPeople {
  async load(organisations: DemoOrganisation[], users: DemoUser[], password: string) {
    const [funder, ...others] = organisations
    const [admin, ...invited] = users
    const first = await new CreateFirstAdmin().handle(
      {
        email: admin.email,
        fullName: admin.fullName,
        password,
        organisationName: funder.name,
      },
      { force: true }
    )
    if (!first.ok) throw new Error(`The demo administrator was refused: ${first.reason}`)
    const administrator = first.user
    await administrator.loadMemberships()

    const byKey = new Map<string, Organisation>()
    const { key: funderKey, iban: funderIban, ...funderFields } = funder
    byKey.set(
      funderKey,
      await new UpdateOrganisation().handle(
        first.organisation.id,
        { shortName: funderFields.shortName, municipalityCode: funderFields.municipalityCode },
        administrator,
        ip
      )
    )
    const createOrganisation = new CreateOrganisation()
    for (const { key, iban, ...fields } of others) {
      byKey.set(key, await createOrganisation.handle(fields, administrator, ip))
    }
    const addBankAccount = new AddBankAccount()
    for (const { key, iban, name } of [{ ...funder, iban: funderIban }, ...others]) {
      if (!iban) continue
      await addBankAccount.handle(
        byKey.get(key)!.id,
        { iban, holderName: name },
        null,
        administrator,
        ip
      )
    }

    const usersByEmail = new Map<string, User>([[administrator.email, administrator]])
    const inviteUser = new InviteUser()
    const resetPassword = new ResetPassword()
    for (const person of invited) {
      for (const [key, role] of person.memberships) {
        const result = await inviteUser.handle(
          {
            email: person.email,
            fullName: person.fullName,
            organisationId: byKey.get(key)!.id,
            role,
            managesPeople: person.managesPeople,
          },
          administrator,
          ip
        )
        if (!result.ok) throw new Error(`The demo invitation of ${person.email} was refused`)
        if (result.acceptanceToken) {
          await resetPassword.handle(result.acceptanceToken, password, ip)
        }
      }
      usersByEmail.set(person.email, await User.findByOrFail('email', person.email))
    }
    return { byKey, usersByEmail }
  }
}
