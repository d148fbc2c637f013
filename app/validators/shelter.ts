import vine from '@vinejs/vine'
import { targetGroups } from '#domain/shelters'
import { offeredMunicipality } from '#validators/municipalities'

export const shelterValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(160),
  municipalityCode: vine.string().exists(offeredMunicipality),
  capacityBeds: vine.number().withoutDecimals().min(1).max(500),
  targetGroups: vine.array(vine.enum(targetGroups)).minLength(1).distinct(),
  openedOn: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  confidentialAddress: vine.string().trim().maxLength(255).optional(),
})

export const staffLicenceValidator = vine.create({
  roleTitle: vine.string().trim().minLength(2).maxLength(120),
  licenceNumber: vine.string().trim().minLength(1).maxLength(60),
  expiresOn: vine.date({ formats: ['YYYY-MM-DD'] }),
})

export const shelterFilterValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  municipalityCode: vine.string().trim().maxLength(40).optional(),
  targetGroup: vine.enum(targetGroups).optional(),
  format: vine.enum(['html', 'csv'] as const).optional(),
})
