import db from '@adonisjs/lucid/services/db'
import { mayRemove } from '#domain/bank_accounts'
import { bankAccountSnapshot } from '#actions/organisations/bank_account_fields'
import PeopleConflictException from '#exceptions/people_conflict_exception'
import OrganisationBankAccount from '#models/organisation_bank_account'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/** Removes an account; the primary one only when it is the last (409 otherwise). Audited. */
export class RemoveBankAccount {
  async handle(accountId: number, by: User, ip: string | null) {
    return db.transaction(async (trx) => {
      const account = await OrganisationBankAccount.query({ client: trx })
        .where('id', accountId)
        .forUpdate()
        .firstOrFail()
      const count = await OrganisationBankAccount.query({ client: trx })
        .where('organisationId', account.organisationId)
        .count('* as total')
        .first()
      if (!mayRemove(account, Number(count?.$extras.total ?? 0))) {
        throw new PeopleConflictException('primary_account')
      }
      await account.useTransaction(trx).delete()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: account.organisationId,
        action: 'bank_account.removed',
        subjectType: 'bank_account',
        subjectId: account.id,
        before: bankAccountSnapshot(account),
        ip,
      })
    })
  }
}
