import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import type { OrganisationKind, Role } from '#domain/roles'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

interface DemoOrganisation {
  key: string
  name: string
  shortName: string
  kind: OrganisationKind
  municipalityCode: string
}

export const demoOrganisations: DemoOrganisation[] = [
  {
    key: 'eu',
    name: 'European Union Office in Kosovo',
    shortName: 'EU Office',
    kind: 'contracting_authority',
    municipalityCode: 'prishtina',
  },
  {
    key: 'lead',
    name: 'Kosovo Shelter Coalition',
    shortName: 'KSC',
    kind: 'lead_grantee',
    municipalityCode: 'prishtina',
  },
  {
    key: 'mlsw',
    name: 'Ministry of Labour and Social Welfare',
    shortName: 'MLSW',
    kind: 'ministry',
    municipalityCode: 'prishtina',
  },
  {
    key: 'ngo1',
    name: 'Safe House Prishtina',
    shortName: 'SH Prishtina',
    kind: 'ngo',
    municipalityCode: 'prishtina',
  },
  {
    key: 'ngo2',
    name: 'Women’s Shelter Gjakova',
    shortName: 'WS Gjakova',
    kind: 'ngo',
    municipalityCode: 'gjakova',
  },
  {
    key: 'ngo3',
    name: 'Shelter for Children Prizren',
    shortName: 'SC Prizren',
    kind: 'ngo',
    municipalityCode: 'prizren',
  },
  {
    key: 'ngo4',
    name: 'Hope Centre Peja',
    shortName: 'HC Peja',
    kind: 'ngo',
    municipalityCode: 'peja',
  },
  {
    key: 'ngo5',
    name: 'Sigurimi Shelter Mitrovica',
    shortName: 'SS Mitrovica',
    kind: 'ngo',
    municipalityCode: 'mitrovica-south',
  },
  {
    key: 'ngo6',
    name: 'Haven Gjilan',
    shortName: 'Haven Gjilan',
    kind: 'ngo',
    municipalityCode: 'gjilan',
  },
]

interface DemoUser {
  email: string
  fullName: string
  memberships: [string, Role][]
}

export const demoUsers: DemoUser[] = [
  { email: 'admin@demo.test', fullName: 'Ardita Admin', memberships: [['eu', 'admin']] },
  { email: 'manager@demo.test', fullName: 'Marko Manager', memberships: [['eu', 'grant_manager']] },
  { email: 'lead@demo.test', fullName: 'Liridona Lead', memberships: [['lead', 'grant_manager']] },
  {
    email: 'finance@demo.test',
    fullName: 'Fatmir Finance',
    memberships: [['lead', 'finance_officer']],
  },
  { email: 'assessor1@demo.test', fullName: 'Ana Assessor', memberships: [['eu', 'assessor']] },
  {
    email: 'assessor2@demo.test',
    fullName: 'Besnik Assessor',
    memberships: [['lead', 'assessor']],
  },
  { email: 'mlsw@demo.test', fullName: 'Mimoza MLSW', memberships: [['mlsw', 'mlsw_official']] },
  ...[1, 2, 3, 4, 5, 6].map((n) => ({
    email: `ngo${n}@demo.test`,
    fullName: `${['Arta', 'Blerim', 'Drita', 'Elira', 'Gent', 'Hana'][n - 1]} NGO ${n}`,
    memberships: [[`ngo${n}`, 'applicant']] as [string, Role][],
  })),
]

/** The demo organisations and people of README's quick start. */
export class DemoData {
  async load() {
    if (await User.findBy('email', 'admin@demo.test')) return false
    const password = env.get('DEMO_PASSWORD') || 'Demo-2026!'

    await db.transaction(async (trx) => {
      const byKey = new Map<string, Organisation>()
      for (const { key, ...attributes } of demoOrganisations) {
        const organisation = await Organisation.create(
          { ...attributes, status: 'active' },
          { client: trx }
        )
        byKey.set(key, organisation)
        await AuditTrail.record(trx, {
          actorId: null,
          organisationId: organisation.id,
          action: 'organisation.created',
          subjectType: 'organisation',
          subjectId: organisation.id,
          after: { name: organisation.name, kind: organisation.kind },
        })
      }
      for (const demo of demoUsers) {
        const user = await User.create(
          { email: demo.email, fullName: demo.fullName, password, isActive: true },
          { client: trx }
        )
        for (const [key, role] of demo.memberships) {
          const organisation = byKey.get(key)!
          await Membership.create(
            { userId: user.id, organisationId: organisation.id, role },
            { client: trx }
          )
          await AuditTrail.record(trx, {
            actorId: null,
            organisationId: organisation.id,
            action: 'membership.created',
            subjectType: 'user',
            subjectId: user.id,
            after: { email: user.email, role },
          })
        }
      }
    })
    return true
  }
}
