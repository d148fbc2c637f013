import vine from '@vinejs/vine'
import { licenceLevels, licenceServices } from '#domain/licences/licence'

const isoDate = () =>
  vine.date({ formats: ['YYYY-MM-DD'] }).transform((d) => d.toISOString().slice(0, 10))

export const createLicenceValidator = vine.create({
  number: vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(60)
    .unique({ table: 'licences', column: 'number' }),
  organisationId: vine.number().withoutDecimals().positive(),
  shelterId: vine.number().withoutDecimals().positive().optional(),
  level: vine.enum(licenceLevels),
  services: vine.array(vine.enum(licenceServices)).minLength(1).distinct(),
  issuedOn: isoDate(),
  validUntil: isoDate().optional(),
})

export const licenceDecisionValidator = vine.create({
  kind: vine.enum(['suspended', 'revoked', 'reinstated'] as const),
  effectiveOn: isoDate(),
  reason: vine.string().trim().minLength(3).maxLength(2000),
})

export const renewalRequestValidator = vine.create({
  requestedOn: isoDate(),
})

export const renewalGrantValidator = vine.create({
  number: vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(60)
    .unique({ table: 'licences', column: 'number' }),
  level: vine.enum(licenceLevels).optional(),
  services: vine.array(vine.enum(licenceServices)).minLength(1).distinct().optional(),
  issuedOn: isoDate(),
  validUntil: isoDate().optional(),
})

export const renewalRefusalValidator = vine.create({
  decidedOn: isoDate(),
  reason: vine.string().trim().minLength(3).maxLength(2000),
})

export const licenceCheckValidator = vine.create({
  organisationId: vine.number().withoutDecimals().positive(),
  service: vine.enum(licenceServices),
  from: isoDate(),
  to: isoDate(),
})

export const licenceFilterValidator = vine.create({
  status: vine
    .enum(['active', 'expiring', 'expired', 'suspended', 'revoked', 'renewal_pending'] as const)
    .optional(),
  q: vine.string().trim().maxLength(100).optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
  format: vine.enum(['html', 'csv'] as const).optional(),
})
