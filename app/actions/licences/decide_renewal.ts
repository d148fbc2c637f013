import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LicenceLevel, LicenceService } from '#domain/licences/licence'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Licence from '#models/licence'
import LicenceRenewal from '#models/licence_renewal'
import type User from '#models/user'
import { GrantLicence } from '#actions/licences/grant_licence'
import { AuditTrail } from '#services/audit_trail'
import type { StoredFile } from '#services/file_store'

export interface RenewalGrant {
  number: string
  level?: LicenceLevel
  services?: LicenceService[]
  issuedOn: string
  validUntil?: string | null
  decisionFile?: StoredFile | null
}

/**
 * Decides the pending renewal of a licence: granting creates the new
 * licence linked to the one it replaces; refusing closes the request.
 */
export class DecideRenewal {
  async grant(licenceId: number, data: RenewalGrant, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { licence, renewal } = await this.pending(licenceId, trx)
      const created = await new GrantLicence().handleIn(
        trx,
        {
          number: data.number,
          organisationId: licence.organisationId,
          shelterId: licence.shelterId,
          level: data.level ?? licence.level,
          services: data.services ?? licence.services,
          issuedOn: data.issuedOn,
          validUntil: data.validUntil,
          decisionFile: data.decisionFile,
          replacesLicenceId: licence.id,
        },
        by,
        ip
      )
      renewal.useTransaction(trx)
      renewal.merge({
        outcome: 'granted',
        decidedOn: DateTime.fromISO(data.issuedOn),
        newLicenceId: created.id,
      })
      await renewal.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: licence.organisationId,
        action: 'licence.renewal_granted',
        subjectType: 'licence',
        subjectId: licence.id,
        before: { renewal: 'pending' },
        after: { renewal: 'granted', newLicenceId: created.id, newNumber: created.number },
        ip,
      })
      return created
    })
  }

  async refuse(licenceId: number, decidedOn: string, reason: string, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { licence, renewal } = await this.pending(licenceId, trx)
      renewal.useTransaction(trx)
      renewal.merge({ outcome: 'refused', decidedOn: DateTime.fromISO(decidedOn), reason })
      await renewal.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: licence.organisationId,
        action: 'licence.renewal_refused',
        subjectType: 'licence',
        subjectId: licence.id,
        before: { renewal: 'pending' },
        after: { renewal: 'refused', reason },
        ip,
      })
      return renewal
    })
  }

  private async pending(licenceId: number, trx: TransactionClientContract) {
    const licence = await Licence.findOrFail(licenceId, { client: trx })
    const query = LicenceRenewal.query({ client: trx })
      .where('licence_id', licenceId)
      .whereNull('outcome')
    if (trx.dialect.name === 'postgres') query.forUpdate()
    const renewal = await query.first()
    if (!renewal)
      throw new DomainConflictException('ux.conflicts.no_renewal_of_this_licence_is_pending')
    return { licence, renewal }
  }
}
