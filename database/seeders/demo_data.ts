import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import { AuditTrail } from '#services/audit_trail'
import type { Role } from '#domain/roles'
import { DemoPeople, type DemoOrganisation, type DemoUser } from '#database/seeders/demo_people'
import Licence from '#models/licence'
import LicenceDecision from '#models/licence_decision'
import LicenceRenewal from '#models/licence_renewal'
import Shelter from '#models/shelter'
import StaffLicence from '#models/staff_licence'
import { todayInKosovo } from '#services/clock'
import { DemoCalls } from '#database/seeders/demo_calls'
import { DemoHandover } from '#database/seeders/demo_handover'
import { DemoResults } from '#database/seeders/demo_results'
import { DemoMonitoring } from '#database/seeders/demo_monitoring'
import { DemoNarrative } from '#database/seeders/demo_narrative'
import type Organisation from '#models/organisation'
import User from '#models/user'
import { ScheduleProgrammeSettings } from '#actions/settings/schedule_programme_settings'
import { SettleDisclosure } from '#actions/reports/settle_disclosure'
import Grant from '#models/grant'

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
    iban: 'XK021212000700001259',
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
    iban: 'XK091212000100001037',
  },
  {
    key: 'ngo2',
    name: 'Women’s Shelter Gjakova',
    shortName: 'WS Gjakova',
    kind: 'ngo',
    municipalityCode: 'gjakova',
    iban: 'XK241212000200001074',
  },
  {
    key: 'ngo3',
    name: 'Shelter for Children Prizren',
    shortName: 'SC Prizren',
    kind: 'ngo',
    municipalityCode: 'prizren',
    iban: 'XK391212000300001111',
  },
  {
    key: 'ngo4',
    name: 'Hope Centre Peja',
    shortName: 'HC Peja',
    kind: 'ngo',
    municipalityCode: 'peja',
    iban: 'XK541212000400001148',
  },
  {
    key: 'ngo5',
    name: 'Sigurimi Shelter Mitrovica',
    shortName: 'SS Mitrovica',
    kind: 'ngo',
    municipalityCode: 'mitrovica-south',
    iban: 'XK691212000500001185',
  },
  {
    key: 'ngo6',
    name: 'Haven Gjilan',
    shortName: 'Haven Gjilan',
    kind: 'ngo',
    municipalityCode: 'gjilan',
    iban: 'XK841212000600001222',
  },
]

export const demoUsers: DemoUser[] = [
  { email: 'admin@demo.test', fullName: 'Ardita Admin', memberships: [['eu', 'admin']] },
  { email: 'manager@demo.test', fullName: 'Marko Manager', memberships: [['eu', 'grant_manager']] },
  { email: 'lead@demo.test', fullName: 'Liridona Lead', memberships: [['lead', 'grant_manager']] },
  {
    email: 'eu-finance@demo.test',
    fullName: 'Elena Finance',
    memberships: [['eu', 'finance_officer']],
  },
  {
    email: 'finance@demo.test',
    fullName: 'Fatmir Finance',
    memberships: [['lead', 'finance_officer']],
  },
  { email: 'assessor1@demo.test', fullName: 'Ana Assessor', memberships: [['eu', 'assessor']] },
  {
    email: 'assessor2@demo.test',
    fullName: 'Besnik Assessor',
    memberships: [['eu', 'assessor']],
  },
  { email: 'mlsw@demo.test', fullName: 'Mimoza MLSW', memberships: [['mlsw', 'mlsw_official']] },
  ...[1, 2, 3, 4, 5, 6].map((n) => ({
    email: `ngo${n}@demo.test`,
    fullName: `${['Arta', 'Blerim', 'Drita', 'Elira', 'Gent', 'Hana'][n - 1]} NGO ${n}`,
    memberships: [[`ngo${n}`, 'applicant']] as [string, Role][],
    // The first NGO's applicant also manages its people (ADR 0020).
    managesPeople: n === 1,
  })),
  // Second finance officers: they record the payments that the first ones verified (four people per tranche).
  {
    email: 'eu-finance2@demo.test',
    fullName: 'Erion Finance',
    memberships: [['eu', 'finance_officer']],
  },
  {
    email: 'finance2@demo.test',
    fullName: 'Flutura Finance',
    memberships: [['lead', 'finance_officer']],
  },
]

/** The demo organisations and people of README's quick start. */
export class DemoData {
  async load() {
    if (await User.findBy('email', 'admin@demo.test')) return false
    const password = env.get('DEMO_PASSWORD') || 'Demo-2026!'

    // Organisations and people through the actions a real deployment uses (ADR 0020).
    const { byKey, usersByEmail } = await new DemoPeople().load(
      demoOrganisations,
      demoUsers,
      password
    )
    await db.transaction(async (trx) => {
      await this.loadShelters(trx, byKey, usersByEmail.get('mlsw@demo.test')!)
      await new DemoCalls(trx, byKey, usersByEmail).load()
      await new DemoHandover().load(trx, byKey, usersByEmail)
    })
    /* The programme settings: the DOMAIN-RULES defaults, through the action admins use. */
    const admin = await User.findByOrFail('email', 'admin@demo.test')
    await new ScheduleProgrammeSettings().ensureDefaults(admin)
    /* What outsiders see of the demo statistics, computed once as after a save (ADR 0025). */
    const grants = await Grant.query().select('id')
    await new SettleDisclosure().handle(grants.map((grant) => grant.id))
    /* The results framework of the action document, entered by the EU Office's grant manager. */
    await new DemoResults().load(await User.findByOrFail('email', 'manager@demo.test'))
    /* Monitoring and narrative reporting, through the monitors' and the grantees' actions. */
    await new DemoMonitoring().load()
    await new DemoNarrative().load()
    return true
  }

  /**
   * One shelter per NGO and licences in every state, relative to today:
   * active, expiring within 30 days, expired, suspended, renewal pending.
   */
  private async loadShelters(
    trx: TransactionClientContract,
    byKey: Map<string, Organisation>,
    mlsw: User
  ) {
    const today = DateTime.fromISO(todayInKosovo())
    const plans: DemoShelter[] = [
      {
        key: 'ngo1',
        name: 'Safe House Prishtina',
        municipalityCode: 'prishtina',
        beds: 18,
        licence: 'active',
      },
      {
        key: 'ngo2',
        name: 'Women’s Shelter Gjakova',
        municipalityCode: 'gjakova',
        beds: 12,
        licence: 'expiring',
      },
      {
        key: 'ngo3',
        name: 'Children’s Shelter Prizren',
        municipalityCode: 'prizren',
        beds: 10,
        licence: 'renewal_pending',
      },
      {
        key: 'ngo4',
        name: 'Hope Centre Peja',
        municipalityCode: 'peja',
        beds: 14,
        licence: 'suspended',
      },
      {
        key: 'ngo5',
        name: 'Sigurimi Shelter Mitrovica',
        municipalityCode: 'mitrovica-south',
        beds: 8,
        licence: 'expired',
      },
      {
        key: 'ngo6',
        name: 'Haven Gjilan',
        municipalityCode: 'gjilan',
        beds: 16,
        licence: 'active',
      },
    ]
    let n = 100
    for (const plan of plans) {
      const organisation = byKey.get(plan.key)!
      const shelter = await Shelter.create(
        {
          organisationId: organisation.id,
          name: plan.name,
          municipalityCode: plan.municipalityCode,
          capacityBeds: plan.beds,
          targetGroups:
            plan.key === 'ngo3'
              ? ['children', 'victims_of_trafficking']
              : ['victims_of_trafficking', 'domestic_violence'],
          openedOn: today.minus({ years: 6 }),
          confidentialAddress: `Confidential street ${plan.beds}, ${plan.name.split(' ').pop()}`,
          status: 'open',
        },
        { client: trx }
      )
      await StaffLicence.createMany(
        [
          {
            shelterId: shelter.id,
            roleTitle: 'Psychologist',
            licenceNumber: `PSY-${n}`,
            expiresOn: today.plus({ years: 2 }),
          },
          {
            shelterId: shelter.id,
            roleTitle: 'Social worker',
            licenceNumber: `SW-${n}`,
            expiresOn: today.plus({ months: 8 }),
          },
        ],
        { client: trx }
      )
      const validUntil = {
        active: today.plus({ years: 2 }),
        expiring: today.plus({ days: 21 }),
        renewal_pending: today.plus({ days: 45 }),
        suspended: today.plus({ years: 1 }),
        expired: today.minus({ days: 20 }),
      }[plan.licence]
      const licence = await Licence.create(
        {
          number: `MLSW-LIC-${today.year}-${n++}`,
          organisationId: organisation.id,
          shelterId: shelter.id,
          level: 'secondary',
          services: ['residential_vot', 'residential_dv', 'counselling', 'reintegration'],
          issuedOn: validUntil.minus({ years: 3 }).plus({ days: 1 }),
          validUntil,
          grantedById: mlsw.id,
        },
        { client: trx }
      )
      if (plan.licence === 'suspended') {
        await LicenceDecision.create(
          {
            licenceId: licence.id,
            kind: 'suspended',
            effectiveOn: today.minus({ days: 10 }),
            reason: 'Inspection found the night-time staffing below minimum standard MS-09.',
            decidedById: mlsw.id,
          },
          { client: trx }
        )
      }
      if (plan.licence === 'renewal_pending') {
        await LicenceRenewal.create(
          { licenceId: licence.id, requestedOn: today.minus({ days: 15 }), recordedById: mlsw.id },
          { client: trx }
        )
      }
      await AuditTrail.record(trx, {
        actorId: mlsw.id,
        organisationId: organisation.id,
        action: 'licence.granted',
        subjectType: 'licence',
        subjectId: licence.id,
        after: { number: licence.number, validUntil: validUntil.toISODate() },
      })
    }
  }
}

interface DemoShelter {
  key: string
  name: string
  municipalityCode: string
  beds: number
  licence: 'active' | 'expiring' | 'renewal_pending' | 'suspended' | 'expired'
}
