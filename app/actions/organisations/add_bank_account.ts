import db from '@adonisjs/lucid/services/db'
import { isPrimaryOnAdd } from '#domain/bank_accounts'
import {
  bankAccountSnapshot,
  duplicateIban,
  makePrimary,
} from '#actions/organisations/bank_account_fields'
import Organisation from '#models/organisation'
import OrganisationBankAccount from '#models/organisation_bank_account'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import type { StoredFile } from '#services/file_store'
import { programmeSettingsAt } from '#services/programme_settings'
import { todayInKosovo } from '#services/clock'

export interface NewBankAccount {
  iban: string
  holderName: string
  bankName?: string | null
  currency?: string
  isPrimary?: boolean
}

/**
 * Adds a bank account to an organisation, with its bank certificate if one
 * is given. The first account is the primary one; a new primary account
 * takes over from the previous one. Audited.
 */
export class AddBankAccount {
  async handle(
    organisationId: number,
    input: NewBankAccount,
    certificate: StoredFile | null,
    by: User | null,
    ip: string | null
  ) {
    return db.transaction(async (trx) => {
      const organisation = await Organisation.query({ client: trx })
        .where('id', organisationId)
        .forUpdate()
        .firstOrFail()
      const existing = await OrganisationBankAccount.query({ client: trx }).where(
        'organisationId',
        organisation.id
      )
      if (existing.some((account) => account.iban === input.iban)) throw duplicateIban()
      const primary = isPrimaryOnAdd(existing.length, input.isPrimary)
      /* Without a currency, the programme's in force today. */
      const settings = await programmeSettingsAt(todayInKosovo(), trx)
      const account = await OrganisationBankAccount.create(
        {
          organisationId: organisation.id,
          iban: input.iban,
          holderName: input.holderName,
          bankName: input.bankName ?? null,
          currency: input.currency ?? settings.currency,
          isPrimary: false,
          certificateFileKey: certificate?.key ?? null,
          certificateFileName: certificate?.fileName ?? null,
          certificateContentType: certificate?.contentType ?? null,
          certificateSha256: certificate?.sha256 ?? null,
        },
        { client: trx }
      )
      if (primary) {
        await makePrimary(trx, organisation.id, account.id)
        account.isPrimary = true
      }
      await AuditTrail.record(trx, {
        actorId: by?.id ?? null,
        organisationId: organisation.id,
        action: 'bank_account.added',
        subjectType: 'bank_account',
        subjectId: account.id,
        after: bankAccountSnapshot(account),
        ip,
      })
      return account
    })
  }
}
