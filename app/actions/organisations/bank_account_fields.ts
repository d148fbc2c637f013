import { keyedValidationError } from '#exceptions/translated_validation'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import OrganisationBankAccount from '#models/organisation_bank_account'

/** The fields of an account as the audit shows them before and after. */
export function bankAccountSnapshot(account: OrganisationBankAccount) {
  return {
    iban: account.iban,
    holderName: account.holderName,
    bankName: account.bankName,
    currency: account.currency,
    isPrimary: account.isPrimary,
    certificate: account.certificateFileName,
    certificateSha256: account.certificateSha256,
  }
}

/** Makes `accountId` the organisation's only primary account. */
export async function makePrimary(
  trx: TransactionClientContract,
  organisationId: number,
  accountId: number
) {
  await OrganisationBankAccount.query({ client: trx })
    .where('organisationId', organisationId)
    .whereNot('id', accountId)
    .update({ isPrimary: false })
  await OrganisationBankAccount.query({ client: trx })
    .where('id', accountId)
    .update({ isPrimary: true })
}

export function duplicateIban() {
  return keyedValidationError([
    { field: 'iban', rule: 'unique', key: 'texts.organisations.iban_taken' },
  ])
}
