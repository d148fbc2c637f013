import db from '@adonisjs/lucid/services/db'
import { ScheduleProgrammeSettings } from '#actions/settings/schedule_programme_settings'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export interface FirstAdmin {
  email: string
  fullName: string
  password: string
  organisationName: string
}

export type CreateFirstAdminResult =
  | { ok: true; user: User; organisation: Organisation; organisationCreated: boolean }
  | { ok: false; reason: 'admin_exists' | 'email_taken' }

/**
 * First run of a deployment: creates the funder (the contracting authority)
 * and its administrator. Refuses when an administrator already exists,
 * unless `force` is set (a second administrator in an emergency).
 */
export class CreateFirstAdmin {
  async handle(input: FirstAdmin, options: { force: boolean }): Promise<CreateFirstAdminResult> {
    const result = await this.create(input, options)
    /* A fresh database starts with the DOMAIN-RULES defaults as its first settings version. */
    if (result.ok) await new ScheduleProgrammeSettings().ensureDefaults(result.user)
    return result
  }

  private create(input: FirstAdmin, options: { force: boolean }): Promise<CreateFirstAdminResult> {
    return db.transaction(async (trx) => {
      const admin = await Membership.query({ client: trx }).where('role', 'admin').first()
      if (admin && !options.force) return { ok: false as const, reason: 'admin_exists' as const }
      if (await User.findBy('email', input.email, { client: trx })) {
        return { ok: false as const, reason: 'email_taken' as const }
      }

      let organisation = await Organisation.query({ client: trx })
        .where({ kind: 'contracting_authority', name: input.organisationName })
        .first()
      const organisationCreated = !organisation
      if (!organisation) {
        organisation = await Organisation.create(
          { name: input.organisationName, kind: 'contracting_authority', status: 'active' },
          { client: trx }
        )
        await AuditTrail.record(trx, {
          actorId: null,
          organisationId: organisation.id,
          action: 'organisation.created',
          subjectType: 'organisation',
          subjectId: organisation.id,
          after: { name: organisation.name, kind: organisation.kind, via: 'admin:create' },
        })
      }

      const user = await User.create(
        {
          email: input.email,
          fullName: input.fullName,
          password: input.password,
          isActive: true,
        },
        { client: trx }
      )
      const membership = await Membership.create(
        { userId: user.id, organisationId: organisation.id, role: 'admin' },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: null,
        organisationId: organisation.id,
        action: 'admin.created',
        subjectType: 'membership',
        subjectId: membership.id,
        after: {
          email: user.email,
          fullName: user.fullName,
          role: 'admin',
          organisation: organisation.name,
          forced: Boolean(admin),
          via: 'admin:create',
        },
      })
      return { ok: true as const, user, organisation, organisationCreated }
    })
  }
}
