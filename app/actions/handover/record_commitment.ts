import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import type { CommitmentReferenceKind } from '#models/handover_commitment'
import HandoverCommitment from '#models/handover_commitment'
import Organisation from '#models/organisation'
import Shelter from '#models/shelter'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import type { StoredFile } from '#services/file_store'
import { programmeSettingsAt } from '#services/programme_settings'

export interface NewCommitment {
  year: number
  /** A ministry on record, or none and its name. */
  funderOrganisationId?: number | null
  funderName?: string | null
  referenceKind: CommitmentReferenceKind
  budgetReference: string
  committedOn: string
  amountCents: number
  evidence?: StoredFile | null
}

/**
 * An MLSW official records the state's commitment to fund a shelter in a
 * year. The funder is kept as data, by name as it was at the time, since
 * the ministry responsible for shelters changed over the years.
 */
export class RecordCommitment {
  async handle(
    shelterId: number,
    input: NewCommitment,
    by: User,
    ip: string,
    today = todayInKosovo()
  ) {
    return db.transaction(async (trx) => {
      const shelter = await Shelter.query({ client: trx }).where('id', shelterId).firstOrFail()
      let funderName = input.funderName?.trim() || null
      if (input.funderOrganisationId) {
        const funder = await Organisation.query({ client: trx })
          .where('id', input.funderOrganisationId)
          .where('kind', 'ministry')
          .first()
        if (!funder)
          throw new DomainConflictException('ux.conflicts.the_state_funder_must_be_a_ministry')
        funderName = funderName ?? funder.name
      }
      if (!funderName) throw new DomainConflictException('ux.conflicts.name_the_state_funder')
      if (input.amountCents <= 0)
        throw new DomainConflictException('ux.conflicts.enter_an_amount_above_zero')
      if (input.committedOn > today) {
        throw new DomainConflictException('ux.conflicts.a_commitment_cannot_be_dated_in_the')
      }
      /* The programme currency in force on the day it is recorded. */
      const { currency } = await programmeSettingsAt(today, trx)
      const commitment = await HandoverCommitment.create(
        {
          shelterId: shelter.id,
          year: input.year,
          funderOrganisationId: input.funderOrganisationId ?? null,
          funderName,
          referenceKind: input.referenceKind,
          budgetReference: input.budgetReference,
          committedOn: DateTime.fromISO(input.committedOn),
          currency,
          amountCents: input.amountCents,
          evidenceFileKey: input.evidence?.key ?? null,
          evidenceFileName: input.evidence?.fileName ?? null,
          evidenceSha256: input.evidence?.sha256 ?? null,
          recordedById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: shelter.organisationId,
        action: 'handover.commitment_recorded',
        subjectType: 'handover_commitment',
        subjectId: commitment.id,
        after: {
          shelterId: shelter.id,
          year: input.year,
          funder: funderName,
          referenceKind: input.referenceKind,
          budgetReference: input.budgetReference,
          committedOn: input.committedOn,
          amountCents: input.amountCents,
          evidenceSha256: commitment.evidenceSha256,
        },
        ip,
      })
      return commitment
    })
  }
}
