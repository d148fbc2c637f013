import type { OrganisationKind, Role } from '#domain/roles'
import Membership from '#models/membership'
import type Organisation from '#models/organisation'
import User from '#models/user'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { UserFactory } from '#database/factories/user_factory'

export { TEST_PASSWORD } from '#database/factories/user_factory'

/** An organisation of a kind (an NGO by default). */
export async function makeOrganisation(kind: OrganisationKind = 'ngo', name?: string) {
  return OrganisationFactory.merge({ kind, ...(name ? { name } : {}) }).create()
}

/** A user holding `role` in `organisation`, memberships loaded. */
export async function makeMember(
  organisation: Organisation,
  role: Role,
  email?: string
): Promise<User> {
  const user = await UserFactory.merge(email ? { email } : {}).create()
  await Membership.create({ userId: user.id, organisationId: organisation.id, role })
  await user.loadMemberships()
  return user
}

interface FakeMails {
  sent(): { toJSON(): { message: { to?: unknown; subject?: string; text?: unknown } } }[]
}

/** The messages a faked mailer sent, as plain recipient, subject and text. */
export function sentMails(mails: FakeMails) {
  return mails.sent().map((mail) => {
    const { to, subject, text } = mail.toJSON().message
    const first = Array.isArray(to) ? to[0] : to
    const address = typeof first === 'string' ? first : (first as { address: string }).address
    return { to: address, subject: subject ?? '', text: String(text ?? '') }
  })
}

/** The stored password hash of a user, read fresh from the database. */
export async function passwordOf(userId: number) {
  const user = await User.findOrFail(userId)
  return user.password
}

/** A shelter of an NGO, with a confidential address. */
export async function makeShelter(organisation: Organisation, name = 'Test Shelter') {
  const { default: Shelter } = await import('#models/shelter')
  return Shelter.create({
    organisationId: organisation.id,
    name,
    municipalityCode: 'prishtina',
    capacityBeds: 12,
    targetGroups: ['victims_of_trafficking'],
    confidentialAddress: 'Secret Street 7',
    status: 'open',
  })
}

/** A licence recorded by `grantedBy`, valid from `issuedOn` to `validUntil`. */
export async function makeLicence(
  organisation: Organisation,
  grantedBy: User,
  options: { number?: string; issuedOn: string; validUntil: string; services?: string[] }
) {
  const { default: Licence } = await import('#models/licence')
  const { DateTime } = await import('luxon')
  return Licence.create({
    number: options.number ?? `LIC-${Math.random().toString(36).slice(2, 10)}`,
    organisationId: organisation.id,
    level: 'secondary',
    services: (options.services ?? ['residential_vot', 'counselling']) as never,
    issuedOn: DateTime.fromISO(options.issuedOn),
    validUntil: DateTime.fromISO(options.validUntil),
    grantedById: grantedBy.id,
  })
}

/** A call of `funder`, published, with deadlines around `now` as given. */
export async function makeCall(
  funder: Organisation,
  manager: User,
  options: {
    status?: string
    conceptDeadlineAt?: string
    fullDeadlineAt?: string
    eligibleServices?: string[]
  } = {}
) {
  const { default: Call } = await import('#models/call')
  const { DateTime } = await import('luxon')
  const { defaultConceptGrid, defaultFullGrid } = await import('#domain/calls/grid')
  return Call.create({
    reference: `CALL-${Math.random().toString(36).slice(2, 8)}`,
    titleEn: 'Support to shelters',
    funderOrganisationId: funder.id,
    procedure: 'restricted',
    currency: 'EUR',
    budgetEnvelopeCents: 30000000,
    minGrantCents: 2000000,
    maxGrantCents: 6000000,
    maxFunderShareBp: 9500,
    maxPerThirdPartyCents: 6000000,
    eligibleServices: (options.eligibleServices ?? []) as never,
    eligibilityChecklist: [{ key: 'c1', label: 'Registered NGO' }],
    conceptGrid: defaultConceptGrid,
    fullGrid: defaultFullGrid,
    conceptDeadlineAt: DateTime.fromISO(
      options.conceptDeadlineAt ?? DateTime.utc().plus({ days: 10 }).toISO()!
    ),
    fullDeadlineAt: DateTime.fromISO(
      options.fullDeadlineAt ?? DateTime.utc().plus({ days: 50 }).toISO()!
    ),
    timezone: 'Europe/Belgrade',
    minDaysToConceptDeadline: 45,
    minDaysToFullDeadline: 30,
    shortlistMultipleBp: 20000,
    spreadFlagBp: 2000,
    maxRequestChangeBp: 2000,
    status: (options.status ?? 'published') as never,
    createdById: manager.id,
  })
}

/** A file with these bytes in a fresh temporary folder, for upload tests. */
export async function fileWith(name: string, bytes: Buffer) {
  const { mkdtemp, writeFile } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const dir = await mkdtemp(join(tmpdir(), 'sg-upload-'))
  await writeFile(join(dir, name), bytes)
  return join(dir, name)
}
