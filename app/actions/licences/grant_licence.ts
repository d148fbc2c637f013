import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LicenceLevel, LicenceService } from '#domain/licences/licence'
import { defaultValidUntil } from '#domain/licences/licence'
import Licence from '#models/licence'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import type { StoredFile } from '#services/file_store'

export interface NewLicence {
  number: string
  organisationId: number
  shelterId?: number | null
  level: LicenceLevel
  services: LicenceService[]
  issuedOn: string
  validUntil?: string | null
  decisionFile?: StoredFile | null
  replacesLicenceId?: number | null
}

/** An MLSW official records a licence decision: a new licence. */
export class GrantLicence {
  async handle(data: NewLicence, by: User, ip: string) {
    return db.transaction((trx) => this.handleIn(trx, data, by, ip))
  }

  /** The same, inside a transaction the caller owns. */
  async handleIn(trx: TransactionClientContract, data: NewLicence, by: User, ip: string) {
    {
      const validUntil = data.validUntil ?? defaultValidUntil(data.issuedOn)
      const licence = await Licence.create(
        {
          number: data.number,
          organisationId: data.organisationId,
          shelterId: data.shelterId ?? null,
          level: data.level,
          services: data.services,
          issuedOn: DateTime.fromISO(data.issuedOn),
          validUntil: DateTime.fromISO(validUntil),
          replacesLicenceId: data.replacesLicenceId ?? null,
          decisionFileKey: data.decisionFile?.key ?? null,
          decisionFileName: data.decisionFile?.fileName ?? null,
          grantedById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: data.organisationId,
        action: 'licence.granted',
        subjectType: 'licence',
        subjectId: licence.id,
        after: {
          number: licence.number,
          level: licence.level,
          services: licence.services,
          issuedOn: data.issuedOn,
          validUntil,
          replacesLicenceId: licence.replacesLicenceId,
        },
        ip,
      })
      return licence
    }
  }
}
