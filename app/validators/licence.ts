import vine from '@vinejs/vine'
import { licenceLevels } from '#domain/licences/licence'
import { knownService, offeredService } from '#validators/licence_services'
import { recordId, pageNumber } from '#validators/ids'
import { isoDate, pastDate } from '#validators/dates'

export const createLicenceValidator = vine.create({
  number: vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(60)
    .unique({ table: 'licences', column: 'number' }),
  organisationId: recordId(),
  shelterId: recordId().optional(),
  level: vine.enum(licenceLevels),
  services: vine.array(offeredService()).minLength(1).distinct(),
  issuedOn: pastDate(),
  validUntil: isoDate({ notBefore: 'issuedOn' }).optional(),
})

export const licenceDecisionValidator = vine.create({
  kind: vine.enum(['suspended', 'revoked', 'reinstated'] as const),
  effectiveOn: pastDate(),
  reason: vine.string().trim().minLength(3).maxLength(2000),
})

export const renewalRequestValidator = vine.create({
  requestedOn: pastDate(),
})

export const renewalGrantValidator = vine.create({
  number: vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(60)
    .unique({ table: 'licences', column: 'number' }),
  level: vine.enum(licenceLevels).optional(),
  services: vine.array(offeredService()).minLength(1).distinct().optional(),
  issuedOn: isoDate({ maxDaysAhead: 366 }),
  validUntil: isoDate({ notBefore: 'issuedOn' }).optional(),
})

export const renewalRefusalValidator = vine.create({
  decidedOn: pastDate(),
  reason: vine.string().trim().minLength(3).maxLength(2000),
})

export const licenceCheckValidator = vine.create({
  organisationId: recordId(),
  service: knownService(),
  from: isoDate(),
  to: isoDate({ notBefore: 'from' }),
})

export const licenceFilterValidator = vine.create({
  status: vine
    .enum(['active', 'expiring', 'expired', 'suspended', 'revoked', 'renewal_pending'] as const)
    .optional(),
  q: vine.string().trim().maxLength(100).optional(),
  page: pageNumber().optional(),
  format: vine.enum(['html', 'csv'] as const).optional(),
})
