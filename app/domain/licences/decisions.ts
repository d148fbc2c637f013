import type { DecisionKind, LicenceFacts } from '#domain/licences/licence'
import { stoppedOn } from '#domain/licences/licence'

export type DecisionCheck =
  | { ok: true }
  | {
      ok: false
      reason: 'already_revoked' | 'already_suspended' | 'not_suspended' | 'before_issue'
    }

/** Whether a suspension, revocation or reinstatement can take effect on `effectiveOn`. */
export function canDecide(
  licence: LicenceFacts,
  kind: DecisionKind,
  effectiveOn: string
): DecisionCheck {
  if (effectiveOn < licence.issuedOn) return { ok: false, reason: 'before_issue' }
  const state = stoppedOn(licence, effectiveOn)
  if (state === 'revoked') return { ok: false, reason: 'already_revoked' }
  if (kind === 'suspended' && state === 'suspended')
    return { ok: false, reason: 'already_suspended' }
  if (kind === 'reinstated' && state !== 'suspended') return { ok: false, reason: 'not_suspended' }
  return { ok: true }
}

export type RenewalCheck = { ok: true } | { ok: false; reason: 'already_pending' | 'revoked' }

export function canRequestRenewal(licence: LicenceFacts, today: string): RenewalCheck {
  if (licence.hasPendingRenewal) return { ok: false, reason: 'already_pending' }
  if (stoppedOn(licence, today) === 'revoked') return { ok: false, reason: 'revoked' }
  return { ok: true }
}
