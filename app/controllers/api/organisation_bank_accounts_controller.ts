import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { AddBankAccount } from '#actions/organisations/add_bank_account'
import { RemoveBankAccount } from '#actions/organisations/remove_bank_account'
import { UpdateBankAccount } from '#actions/organisations/update_bank_account'
import Organisation from '#models/organisation'
import OrganisationBankAccount from '#models/organisation_bank_account'
import type User from '#models/user'
import OrganisationPolicy from '#policies/organisation_policy'
import { bankAccountJson } from '#transformers/organisation_transformer'
import { bankAccountUpdateValidator, bankAccountValidator } from '#validators/bank_account'

async function visibleOrganisation(user: User, id: unknown) {
  return Organisation.query()
    .withScopes((s) => s.visibleTo(user))
    .where('id', Number(id) || 0)
    .firstOrFail()
}

async function accountOf(organisation: Organisation, id: unknown) {
  return OrganisationBankAccount.query()
    .where({ id: Number(id) || 0, organisationId: organisation.id })
    .firstOrFail()
}

/** `/api/v1/organisations/:id/bank-accounts` (ADR 0020). */
export default class OrganisationBankAccountsController {
  async index({ auth, params, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const organisation = await visibleOrganisation(user, params.id)
    await bouncer.with(OrganisationPolicy).authorize('viewBankAccounts', organisation)
    const accounts = await OrganisationBankAccount.query()
      .where('organisationId', organisation.id)
      .orderBy('isPrimary', 'desc')
      .orderBy('id')
    return { data: accounts.map(bankAccountJson) }
  }

  @inject()
  async store(
    { auth, params, request, response, bouncer }: HttpContext,
    addBankAccount: AddBankAccount
  ) {
    const user = auth.use('api').getUserOrFail()
    const organisation = await visibleOrganisation(user, params.id)
    await bouncer.with(OrganisationPolicy).authorize('manageBankAccounts', organisation)
    const data = await request.validateUsing(bankAccountValidator)
    const account = await addBankAccount.handle(organisation.id, data, null, user, request.ip())
    return response.created({ data: bankAccountJson(account) })
  }

  @inject()
  async update(
    { auth, params, request, bouncer }: HttpContext,
    updateBankAccount: UpdateBankAccount
  ) {
    const user = auth.use('api').getUserOrFail()
    const organisation = await visibleOrganisation(user, params.id)
    await bouncer.with(OrganisationPolicy).authorize('manageBankAccounts', organisation)
    const account = await accountOf(organisation, params.accountId)
    const data = await request.validateUsing(bankAccountUpdateValidator)
    const updated = await updateBankAccount.handle(account.id, data, null, user, request.ip())
    return { data: bankAccountJson(updated) }
  }

  @inject()
  async destroy(
    { auth, params, request, response, bouncer }: HttpContext,
    removeBankAccount: RemoveBankAccount
  ) {
    const user = auth.use('api').getUserOrFail()
    const organisation = await visibleOrganisation(user, params.id)
    await bouncer.with(OrganisationPolicy).authorize('manageBankAccounts', organisation)
    const account = await accountOf(organisation, params.accountId)
    await removeBankAccount.handle(account.id, user, request.ip())
    return response.noContent()
  }
}
