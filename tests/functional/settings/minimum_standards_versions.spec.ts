import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import AuditEvent from '#models/audit_event'
import MinimumStandard from '#models/minimum_standard'
import { todayInKosovo } from '#services/clock'
import { MinimumStandardCatalogue } from '#services/minimum_standard_catalogue'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

const renamed = {
  'titleEn': 'Safe and confidential accommodation',
  'titleSq': 'Akomodim i sigurt dhe konfidencial',
  'titleSr': 'Bezbedan i poverljiv smeštaj',
  'descriptionEn': 'Round-the-clock security at a confidential address.',
  'descriptionSq': 'Siguri gjatë gjithë kohës në një adresë konfidenciale.',
  'descriptionSr': 'Obezbeđenje danonoćno na poverljivoj adresi.',
  'criteria[0][en]': 'The address is known only to named staff.',
  'criteria[0][sq]': 'Adresa njihet vetëm nga stafi i caktuar me emër.',
  'criteria[0][sr]': 'Adresu zna samo imenovano osoblje.',
}

const inDays = (days: number) => DateTime.fromISO(todayInKosovo()).plus({ days }).toISODate()!

async function titleOn(date: string, code = 'MS-01') {
  const standards = await new MinimumStandardCatalogue().on(date)
  return standards.find((s) => s.code === code)?.titleEn
}

async function people() {
  const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
  const mlsw = await makeMember(await makeOrganisation('ministry', 'MLSW'), 'mlsw_official')
  return { admin, mlsw }
}

test.group('Minimum standards: versions by date', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an admin adds a later version; the MLSW edits it; today keeps the version in force', async ({
    client,
    assert,
  }) => {
    const { admin, mlsw } = await people()
    const later = inDays(30)

    for (const user of [mlsw]) {
      const refused = await client
        .post('/admin/minimum-standards')
        .form({ effectiveFrom: later })
        .loginAs(user)
        .withCsrfToken()
        .accept('json')
      refused.assertStatus(403)
    }
    const past = await client
      .post('/admin/minimum-standards')
      .form({ effectiveFrom: inDays(-1) })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    past.assertStatus(302)
    assert.deepEqual(await new MinimumStandardCatalogue().versionDates(), ['2000-01-01'])

    const added = await client
      .post('/admin/minimum-standards')
      .form({ effectiveFrom: later })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    added.assertHeader('location', `/minimum-standards?on=${later}`)
    assert.deepEqual(await new MinimumStandardCatalogue().versionDates(), ['2000-01-01', later])
    assert.lengthOf(await new MinimumStandardCatalogue().on(later), 10)
    const scheduled = await AuditEvent.query()
      .where('action', 'minimum_standards.scheduled')
      .firstOrFail()
    assert.equal(scheduled.actorId, admin.id)
    assert.equal(scheduled.subjectId, later)

    const form = await client.get(`/minimum-standards/MS-01?on=${later}`).loginAs(mlsw)
    assert.include(form.text(), `name="effectiveFrom" value="${later}"`)
    await client
      .post('/minimum-standards/MS-01')
      .form({ ...renamed, effectiveFrom: later })
      .loginAs(mlsw)
      .withCsrfToken()
      .redirects(0)
    assert.equal(await titleOn(later), 'Safe and confidential accommodation')
    assert.equal(await titleOn(todayInKosovo()), 'Safe accommodation')
    assert.equal(await titleOn(inDays(29)), 'Safe accommodation')

    const page = await client.get(`/minimum-standards?on=${later}`).loginAs(admin)
    assert.include(page.text(), 'Safe and confidential accommodation')
    const list = await client.get('/admin/minimum-standards').loginAs(admin)
    assert.include(list.text(), `data-standard-version="${later}"`)
  })

  test('an edit today starts a new version: a report keeps the version of its period', async ({
    client,
    assert,
  }) => {
    const { mlsw } = await people()
    /* Period 1 of this sub-grant began on 2026-01-01, under the first version. */
    const lead = await makeOrganisation('lead_grantee', 'Lead Grantee')
    const { grant: leadGrant } = await makeSignedGrant({ grantee: lead })
    const shelter = await makeOrganisation('ngo', 'Shelter A')
    const { grant } = await makeSignedGrant({ funder: lead, grantee: shelter, parent: leadGrant })
    const applicant = await makeMember(shelter, 'applicant')
    const report = await new OpenExpenseReport().handle(grant.id, 1, applicant, '127.0.0.1')

    await client
      .post('/minimum-standards/MS-01')
      .form(renamed)
      .loginAs(mlsw)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(await new MinimumStandardCatalogue().versionDates(), [
      '2000-01-01',
      todayInKosovo(),
    ])
    assert.equal(await titleOn(todayInKosovo()), 'Safe and confidential accommodation')
    /* The first version is untouched. */
    const first = await MinimumStandard.query()
      .where('code', 'MS-01')
      .where('effective_from', '2000-01-01')
      .firstOrFail()
    assert.equal(first.titleEn, 'Safe accommodation')

    const page = await client.get(`/expense-reports/${report.id}`).loginAs(applicant)
    page.assertStatus(200)
    assert.include(page.text(), 'MS-01 · Safe accommodation')
    assert.notInclude(page.text(), 'Safe and confidential accommodation')

    /* A grant whose first period begins after the change is judged against the new version. */
    const { grant: later } = await makeSignedGrant({
      funder: lead,
      grantee: shelter,
      parent: leadGrant,
      startsOn: inDays(1),
      endsOn: inDays(400),
    })
    const standards = await new MinimumStandardCatalogue().forReport({ periodNumber: 1 }, later)
    assert.equal(
      standards.find((s) => s.code === 'MS-01')?.titleEn,
      'Safe and confidential accommodation'
    )
  })

  test('API: everyone reads the version of a date; admins add one (201), others 403, past 422', async ({
    client,
    assert,
  }) => {
    const { admin, mlsw } = await people()
    const later = inDays(10)
    const denied = await client
      .post('/api/v1/minimum-standards/versions')
      .withGuard('api')
      .loginAs(mlsw)
      .json({ effectiveFrom: later })
    denied.assertStatus(403)
    const past = await client
      .post('/api/v1/minimum-standards/versions')
      .withGuard('api')
      .loginAs(admin)
      .json({ effectiveFrom: inDays(-3) })
    past.assertStatus(422)
    assert.equal(past.body().errors[0].code, 'E_EFFECTIVE_IN_PAST')

    const added = await client
      .post('/api/v1/minimum-standards/versions')
      .withGuard('api')
      .loginAs(admin)
      .json({ effectiveFrom: later })
    added.assertStatus(201)
    assert.lengthOf(added.body().data.standards, 10)
    const again = await client
      .post('/api/v1/minimum-standards/versions')
      .withGuard('api')
      .loginAs(admin)
      .json({ effectiveFrom: later })
    again.assertStatus(422)

    const read = await client
      .get(`/api/v1/minimum-standards?on=${later}`)
      .withGuard('api')
      .loginAs(mlsw)
    read.assertStatus(200)
    assert.equal(read.body().data.effectiveFrom, later)
    assert.deepEqual(read.body().data.versions, ['2000-01-01', later])
    const today = await client.get('/api/v1/minimum-standards').withGuard('api').loginAs(mlsw)
    assert.equal(today.body().data.effectiveFrom, '2000-01-01')
    assert.equal(today.body().data.standards[0].title.en, 'Safe accommodation')
  })
})
