import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { defaultStateShareBp, firstTargetYear } from '#domain/handover/targets'
import { allocate, applyBasisPoints } from '#domain/money'
import Grant from '#models/grant'
import HandoverCommitment from '#models/handover_commitment'
import HandoverNeed from '#models/handover_need'
import HandoverOtherFunding from '#models/handover_other_funding'
import HandoverTarget from '#models/handover_target'
import HandoverTransfer from '#models/handover_transfer'
import type Organisation from '#models/organisation'
import Shelter from '#models/shelter'
import { HandoverPlan } from '#queries/handover_plan'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { FileStore } from '#services/file_store'

/** A one-page PDF standing in for a scanned Budget Law extract or MTEF table. */
const evidenceBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

/** How a shelter's state funding goes in the demo. */
type Story = 'on_track' | 'late' | 'municipal_share' | 'suspended' | 'donor_leaving'

interface Plan {
  key: string
  story: Story
  /** Below the target (percentage points) the state commits. */
  shortfallBp?: number
  otherDonor?: string
  ownIncome?: string
}

const plans: Plan[] = [
  { key: 'ngo1', story: 'on_track', otherDonor: 'OSCE Mission in Kosovo' },
  { key: 'ngo2', story: 'late' },
  { key: 'ngo3', story: 'municipal_share', shortfallBp: 2000 },
  { key: 'ngo4', story: 'suspended' },
  { key: 'ngo5', story: 'donor_leaving', shortfallBp: 3000 },
  { key: 'ngo6', story: 'on_track', ownIncome: 'Bee-keeping and a photocopy shop' },
]

/** EUR 5 000 per bed a year: the Shelter Coalition's EUR 60 000 for a 12-bed shelter (DOMAIN §7.5). */
const needPerBedCents = 500000

/**
 * The handover plan of the six demo shelters over four years from the
 * action's start: needs (entered from the coalition norm, and from the
 * verified total operating cost of the approved report where one has it),
 * the default 50/70/100 % path with Prizren's agreed municipal share, the state's commitments under
 * three ministries (kept by name, as they changed) with evidence, and
 * transfers: on track (Prishtina, Gjilan), late (Gjakova), under-committed
 * with a municipal share (Prizren), licence suspended (Peja), and donor
 * funding ending before the state reaches the target (Mitrovica). Runs
 * inside the demo's transaction, after the calls, sub-grants and payments.
 */
export class DemoHandover {
  async load(
    trx: TransactionClientContract,
    organisationsByKey: Map<string, Organisation>,
    usersByEmail: Map<string, User>
  ) {
    const mlsw = usersByEmail.get('mlsw@demo.test')!
    const ministry = organisationsByKey.get('mlsw')!
    const today = todayInKosovo()
    const thisYear = Number(today.slice(0, 4))
    const leads = await Grant.query({ client: trx })
      .whereNull('parent_grant_id')
      .whereIn('id', (q) =>
        q.from('grants').whereNotNull('parent_grant_id').select('parent_grant_id')
      )
    /* The demo's years start with its lead grant. */
    const startsOn = leads.map((g) => g.startsOn.toISODate()!).sort()[0] ?? today
    const start = Number(startsOn.slice(0, 4))
    const firstYear = firstTargetYear(startsOn)
    const years = [start, start + 1, start + 2, start + 3]
    const evidence = await FileStore.put(
      'handover',
      'budget-law-extract.pdf',
      evidenceBytes,
      'application/pdf'
    )

    /* The plan's last year, with its MTEF note. */
    await HandoverTarget.create(
      {
        shelterId: null,
        year: start + 3,
        stateShareBp: 10000,
        municipalShareBp: null,
        note: 'MTEF: the state funds the whole cost of the minimum standards from this year on.',
        setById: mlsw.id,
      },
      { client: trx }
    )

    for (const plan of plans) {
      const organisation = organisationsByKey.get(plan.key)!
      const shelter = await Shelter.query({ client: trx })
        .where('organisation_id', organisation.id)
        .orderBy('id')
        .firstOrFail()
      const needCents = shelter.capacityBeds * needPerBedCents

      for (const year of years) {
        /*
         * Safe House Prishtina's approved report has a verified total operating
         * cost and bed-days: its need comes from reports from this year on.
         */
        const fromReports = plan.key === 'ngo1' && year >= thisYear
        await HandoverNeed.create(
          {
            shelterId: shelter.id,
            year,
            method: fromReports ? 'reports' : 'entered',
            occupancyBp: 7500,
            currency: 'EUR',
            amountCents: fromReports ? null : needCents,
            justification: fromReports
              ? null
              : 'Shelter Coalition norm of EUR 5 000 per bed a year, checked against the 2023 audited accounts.',
            setById: mlsw.id,
          },
          { client: trx }
        )
      }
      /* The needs as the plan computes them (from the report where that is the method). */
      const computed = await HandoverPlan.load({ today, shelterIds: [shelter.id], client: trx })
      const needOf = (year: number) =>
        computed.shelters[0].years.find((y) => y.year === year)?.need.amountCents ?? needCents

      for (const year of years) {
        if (plan.story === 'municipal_share' && year > start) {
          await HandoverTarget.create(
            {
              shelterId: shelter.id,
              year,
              stateShareBp: defaultStateShareBp(year, firstYear) ?? 0,
              municipalShareBp: 2000,
              note: 'Memorandum with the Municipality of Prizren: 20 % for three years.',
              setById: mlsw.id,
            },
            { client: trx }
          )
          if (year <= thisYear) {
            await this.other(
              trx,
              shelter.id,
              year,
              'municipality',
              'Municipality of Prizren',
              applyBasisPoints(needCents, 2000),
              mlsw
            )
          }
        }
        if (year === start) {
          /* The baseline: donors carry the shelters, the state pays for food late in the year. */
          await this.other(
            trx,
            shelter.id,
            year,
            'other_donor',
            'Save the Children (FSTP)',
            applyBasisPoints(needCents, 5500),
            mlsw
          )
        }
        if (plan.otherDonor && year <= thisYear) {
          await this.other(
            trx,
            shelter.id,
            year,
            'other_donor',
            plan.otherDonor,
            applyBasisPoints(needCents, 1000),
            mlsw
          )
        }
        if (plan.ownIncome && year <= thisYear) {
          await this.other(
            trx,
            shelter.id,
            year,
            'own_income',
            plan.ownIncome,
            applyBasisPoints(needCents, 500),
            mlsw
          )
        }

        const target = year === start ? 3000 : (defaultStateShareBp(year, firstYear) ?? 0)
        const shareBp = Math.max(0, target - (year === start ? 0 : (plan.shortfallBp ?? 0)))
        const amountCents = applyBasisPoints(needOf(year), shareBp)
        if (amountCents === 0) continue
        const future = year > thisYear
        const funder =
          year <= start
            ? { funderOrganisationId: ministry.id, funderName: ministry.name }
            : year === start + 1
              ? { funderOrganisationId: null, funderName: 'Ministry of Justice' }
              : {
                  funderOrganisationId: null,
                  funderName: 'Ministry of Finance, Labour and Transfers',
                }
        const committedOn = future
          ? DateTime.fromISO(today).minus({ days: 40 })
          : DateTime.fromISO(`${year - 1}-12-22`)
        const commitment = await HandoverCommitment.create(
          {
            shelterId: shelter.id,
            year,
            ...funder,
            referenceKind: future ? 'mtef' : 'budget_law',
            budgetReference: future
              ? `${thisYear + 1}–${thisYear + 3}, programme 21400 shelters`
              : `Budget Law ${year}, art. 12, line 21400-${shelter.id}`,
            committedOn,
            currency: 'EUR',
            amountCents,
            evidenceFileKey: evidence.key,
            evidenceFileName: evidence.fileName,
            evidenceSha256: evidence.sha256,
            recordedById: mlsw.id,
          },
          { client: trx }
        )
        await AuditTrail.record(trx, {
          actorId: mlsw.id,
          organisationId: organisation.id,
          action: 'handover.commitment_recorded',
          subjectType: 'handover_commitment',
          subjectId: commitment.id,
          after: { shelterId: shelter.id, year, funder: funder.funderName, amountCents },
        })
        if (future) continue

        /* The instalments add up to the commitment to the cent. */
        const schedule = this.schedule(plan, year, start, thisYear)
        const parts = allocate(
          amountCents,
          schedule.map(([, partBp]) => partBp)
        )
        for (const [index, [date]] of schedule.entries()) {
          if (date > today) continue
          await this.transfer(trx, commitment, organisation.id, date, parts[index], mlsw)
        }
      }
    }
  }

  /** When the state pays, and how much of the commitment each time (basis points). */
  private schedule(plan: Plan, year: number, start: number, thisYear: number): [string, number][] {
    if (year === start) return [[`${year}-03-15`, 10000]]
    if (plan.story === 'late') {
      return year === thisYear
        ? [
            [`${year}-08-20`, 5000],
            [`${year}-12-15`, 5000],
          ]
        : [
            [`${year}-04-10`, 5000],
            [`${year}-09-01`, 5000],
          ]
    }
    return [
      [`${year}-01-20`, 4000],
      [`${year}-06-15`, 3000],
      [`${year}-10-15`, 3000],
    ]
  }

  private async transfer(
    trx: TransactionClientContract,
    commitment: HandoverCommitment,
    organisationId: number,
    date: string,
    amountCents: number,
    by: User
  ) {
    const transfer = await HandoverTransfer.create(
      {
        commitmentId: commitment.id,
        shelterId: commitment.shelterId,
        year: commitment.year,
        transferredOn: DateTime.fromISO(date),
        currency: 'EUR',
        amountCents,
        reference: `TRZ-${commitment.year}-${commitment.id}-${date.slice(5, 7)}`,
        recordedById: by.id,
      },
      { client: trx }
    )
    await AuditTrail.record(trx, {
      actorId: by.id,
      organisationId,
      action: 'handover.transfer_recorded',
      subjectType: 'handover_transfer',
      subjectId: transfer.id,
      after: { commitmentId: commitment.id, transferredOn: date, amountCents },
    })
  }

  private other(
    trx: TransactionClientContract,
    shelterId: number,
    year: number,
    source: HandoverOtherFunding['source'],
    funderName: string,
    amountCents: number,
    by: User
  ) {
    return HandoverOtherFunding.create(
      {
        shelterId,
        year,
        source,
        funderName,
        currency: 'EUR',
        amountCents,
        note: null,
        recordedById: by.id,
      },
      { client: trx }
    )
  }
}
