import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { appUrl } from '#config/app'
import type { Role } from '#domain/roles'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { PasswordTokens } from '#services/password_tokens'
import { PeopleMails, roleLabels } from '#services/people_mails'
import { AuthCache } from '#services/auth_cache'

export interface Invitation {
  email: string
  fullName: string
  organisationId: number
  role: Role
  /** Also manages the organisation's people (ADR 0020). */
  managesPeople?: boolean
}

export type InviteResult =
  | {
      ok: true
      user: User
      membership: Membership
      isNewUser: boolean
      /** The link's raw token, for a caller that accepts at once (the demo seed); never shown. */
      acceptanceToken: string | null
    }
  | { ok: false; reason: 'already_member' }

/**
 * Gives a person a role in an organisation. A new person gets an account
 * and an emailed link to choose a password; a known person gets the role
 * and a notice.
 */
export class InviteUser {
  async handle(invitation: Invitation, invitedBy: User, ip: string): Promise<InviteResult> {
    const result = await db.transaction(async (trx) => {
      const organisation = await Organisation.findOrFail(invitation.organisationId, { client: trx })
      let user = await User.findBy('email', invitation.email, { client: trx })
      const isNewUser = !user
      if (!user) {
        user = await User.create(
          {
            email: invitation.email,
            fullName: invitation.fullName,
            password: randomBytes(32).toString('base64url'),
            isActive: true,
          },
          { client: trx }
        )
      }

      const existing = await Membership.query({ client: trx })
        .where({ userId: user.id, organisationId: organisation.id, role: invitation.role })
        .first()
      if (existing) return { ok: false as const, reason: 'already_member' as const }

      const membership = await Membership.create(
        {
          userId: user.id,
          organisationId: organisation.id,
          role: invitation.role,
          invitedById: invitedBy.id,
          managesPeople:
            invitation.managesPeople === true ||
            (await Membership.query({ client: trx })
              .where({ userId: user.id, organisationId: organisation.id, managesPeople: true })
              .first()) !== null,
        },
        { client: trx }
      )
      if (invitation.managesPeople === true) {
        await Membership.query({ client: trx })
          .where({ userId: user.id, organisationId: organisation.id })
          .update({ managesPeople: true })
        // A bulk update runs no model hook: the next request must read the new flag.
        AuthCache.forgetUser(user.id, trx)
      }
      const token = isNewUser ? await PasswordTokens.issue(user, 'invitation', trx) : null

      await AuditTrail.record(trx, {
        actorId: invitedBy.id,
        organisationId: organisation.id,
        action: 'membership.invited',
        subjectType: 'membership',
        subjectId: membership.id,
        after: {
          email: user.email,
          role: invitation.role,
          organisation: organisation.name,
          isNewUser,
          managesPeople: membership.managesPeople,
        },
        ip,
      })
      return { ok: true as const, user, membership, isNewUser, token, organisation }
    })

    if (!result.ok) return result
    const { user, token, organisation } = result
    await PeopleMails.send(user, token ? 'invited_new' : 'invited_known', {
      by: invitedBy.fullName,
      organisation: organisation.name,
      role: roleLabels(user.locale, []).label(invitation.role),
      link: token ? `${appUrl}/password/reset/${token}` : `${appUrl}/login`,
    })
    return {
      ok: true,
      user: result.user,
      membership: result.membership,
      isNewUser: result.isNewUser,
      acceptanceToken: result.token,
    }
  }
}
