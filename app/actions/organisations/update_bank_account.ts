import db from '@adonisjs/lucid/services/db'
import { bankAccountSnapshot, makePrimary } from '#actions/organisations/bank_account_fields'
import OrganisationBankAccount from '#models/organisation_bank_account'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import type { StoredFile } from '#services/file_store'

export interface BankAccountChange {
  holderName?: string
  bankName?: string | null
  currency?: string
  isPrimary?: true
}

/**
 * Changes an account's holder, bank or currency, makes it the primary
 * account, or attaches a new bank certificate. The IBAN itself never
 * changes: a new IBAN is a new account. Audited before and after.
 */
export class UpdateBankAccount {
  async handle(
    accountId: number,
    change: BankAccountChange,
    certificate: StoredFile | null,
    by: User,
    ip: string | null
  ) {
    return db.transaction(async (trx) => {
      const account = await OrganisationBankAccount.query({ client: trx })
        .where('id', accountId)
        .forUpdate()
        .firstOrFail()
      const before = bankAccountSnapshot(account)
      account.useTransaction(trx)
      if (change.holderName !== undefined) account.holderName = change.holderName
      if (change.bankName !== undefined) account.bankName = change.bankName
      if (change.currency !== undefined) account.currency = change.currency
      if (certificate) {
        account.certificateFileKey = certificate.key
        account.certificateFileName = certificate.fileName
        account.certificateContentType = certificate.contentType
        account.certificateSha256 = certificate.sha256
      }
      await account.save()
      if (change.isPrimary && !account.isPrimary) {
        await makePrimary(trx, account.organisationId, account.id)
        account.isPrimary = true
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: account.organisationId,
        action: 'bank_account.updated',
        subjectType: 'bank_account',
        subjectId: account.id,
        before,
        after: bankAccountSnapshot(account),
        ip,
      })
      return account
    })
  }
}
