import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { AddBankAccount } from '#actions/organisations/add_bank_account'
import { RemoveBankAccount } from '#actions/organisations/remove_bank_account'
import { UpdateBankAccount } from '#actions/organisations/update_bank_account'
import { acceptedDocumentTypes } from '#domain/documents'
import Organisation from '#models/organisation'
import OrganisationBankAccount from '#models/organisation_bank_account'
import type User from '#models/user'
import OrganisationPolicy from '#policies/organisation_policy'
import { FileStore } from '#services/file_store'
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

/** An organisation's bank accounts on its page: add, change, make primary, remove (ADR 0020). */
export default class OrganisationBankAccountsController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    addBankAccount: AddBankAccount
  ) {
    const user = auth.getUserOrFail()
    const organisation = await visibleOrganisation(user, params.id)
    await bouncer.with(OrganisationPolicy).authorize('manageBankAccounts', organisation)
    const data = await request.validateUsing(bankAccountValidator)
    const upload = await FileStore.accept(
      request.file('certificate'),
      `organisations/${organisation.id}/bank`,
      acceptedDocumentTypes
    )
    if (!upload.ok) {
      session.flashAll()
      session.flashErrors({ certificate: i18n.t(`messages.files.${upload.reason}`) })
      return response.redirect().back()
    }
    await addBankAccount.handle(organisation.id, data, upload.file, user, request.ip())
    session.flash('success', i18n.t('people.bank.added'))
    return response.redirect().toPath(`/organisations/${organisation.id}#bank-accounts`)
  }

  @inject()
  async update(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    updateBankAccount: UpdateBankAccount
  ) {
    const user = auth.getUserOrFail()
    const organisation = await visibleOrganisation(user, params.id)
    await bouncer.with(OrganisationPolicy).authorize('manageBankAccounts', organisation)
    const account = await accountOf(organisation, params.accountId)
    const data = await request.validateUsing(bankAccountUpdateValidator)
    const upload = await FileStore.accept(
      request.file('certificate'),
      `organisations/${organisation.id}/bank`,
      acceptedDocumentTypes
    )
    if (!upload.ok) {
      session.flashErrors({ certificate: i18n.t(`messages.files.${upload.reason}`) })
      return response.redirect().back()
    }
    await updateBankAccount.handle(account.id, data, upload.file, user, request.ip())
    session.flash('success', i18n.t('people.bank.saved'))
    return response.redirect().toPath(`/organisations/${organisation.id}#bank-accounts`)
  }

  @inject()
  async destroy(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    removeBankAccount: RemoveBankAccount
  ) {
    const user = auth.getUserOrFail()
    const organisation = await visibleOrganisation(user, params.id)
    await bouncer.with(OrganisationPolicy).authorize('manageBankAccounts', organisation)
    const account = await accountOf(organisation, params.accountId)
    await removeBankAccount.handle(account.id, user, request.ip())
    session.flash('success', i18n.t('people.bank.removed'))
    return response.redirect().toPath(`/organisations/${organisation.id}#bank-accounts`)
  }

  /** The bank certificate of an account, for those who may read the accounts. */
  async certificate({ auth, params, response, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const organisation = await visibleOrganisation(user, params.id)
    await bouncer.with(OrganisationPolicy).authorize('viewBankAccounts', organisation)
    const account = await accountOf(organisation, params.accountId)
    if (!account.certificateFileKey) return response.notFound()
    const bytes = await FileStore.read(account.certificateFileKey)
    response.header('content-type', account.certificateContentType ?? 'application/octet-stream')
    response.header(
      'content-disposition',
      `attachment; filename="${(account.certificateFileName ?? 'certificate').replace(/["\r\n]/g, '')}"`
    )
    return response.send(Buffer.from(bytes))
  }
}
