import Municipality from '#models/municipality'
import Service from '#models/service'

/** The reference lists an admin keeps: municipalities and licensed services. */
export const referenceKinds = ['municipalities', 'services'] as const
export type ReferenceKind = (typeof referenceKinds)[number]

export function referenceModel(kind: ReferenceKind) {
  return kind === 'municipalities' ? Municipality : Service
}

export interface ReferenceNames {
  nameEn: string
  nameSq: string
  nameSr: string
}

/** The audit subject of a kind: `municipality`, `service`. */
export function subjectOf(kind: ReferenceKind) {
  return kind === 'municipalities' ? 'municipality' : 'service'
}
