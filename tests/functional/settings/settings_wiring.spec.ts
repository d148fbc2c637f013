import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { ScheduleProgrammeSettings } from '#actions/settings/schedule_programme_settings'
import { defaultConceptGrid, defaultFullGrid } from '#domain/calls/grid'
import { defaultProgrammeSettings } from '#domain/settings/programme_settings'
import Call from '#models/call'
import Municipality from '#models/municipality'
import Shelter from '#models/shelter'
import { todayInKosovo } from '#services/clock'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation, makeShelter } from '#tests/helpers'

function pdfText(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pdf-'))
  const file = join(dir, 'document.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-']).toString()
}

function callForm(reference: string) {
  const deadline = DateTime.utc().plus({ days: 60 }).setZone('Europe/Belgrade')
  const local = (d: DateTime) => d.toFormat("yyyy-MM-dd'T'HH:mm")
  return {
    reference,
    titleEn: 'Support to shelters for victims of trafficking',
    procedure: 'restricted',
    budgetEnvelope: '300 000,00',
    minGrant: '20 000',
    maxGrant: '60 000',
    maxFunderShare: '95',
    maxPerThirdParty: '60 000',
    conceptGrid: JSON.stringify(defaultConceptGrid),
    fullGrid: JSON.stringify(defaultFullGrid),
    conceptDeadline: local(deadline),
    fullDeadline: local(deadline.plus({ days: 40 })),
    minDaysToConceptDeadline: '45',
    minDaysToFullDeadline: '30',
    shortlistMultiple: '2',
    spreadFlag: '20',
  }
}

test.group('Programme settings read where they matter', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("a new call left without a longest period takes the settings' one", async ({
    client,
    assert,
  }) => {
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const manager = await makeMember(await makeOrganisation('lead_grantee'), 'grant_manager')
    const post = (reference: string) =>
      client.post('/calls').form(callForm(reference)).loginAs(manager).withCsrfToken().redirects(0)

    const months = async (reference: string) => {
      const call = await Call.findByOrFail('reference', reference)
      return call.maxDurationMonths
    }
    await post('SG-D-1')
    assert.equal(await months('SG-D-1'), 24)

    const result = await new ScheduleProgrammeSettings().handle(
      { ...defaultProgrammeSettings, effectiveFrom: todayInKosovo(), maxDurationMonths: 18 },
      admin,
      '127.0.0.1'
    )
    assert.isTrue(result.ok)
    await post('SG-D-2')
    assert.equal(await months('SG-D-2'), 18)
    /* The call made before keeps its period. */
    assert.equal(await months('SG-D-1'), 24)
  })

  test('a retired municipality is refused for a new shelter; a shelter naming it keeps it', async ({
    client,
    assert,
  }) => {
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const existing = await makeShelter(ngo, 'Old House')
    const shelterForm = (name: string) => ({
      organisationId: ngo.id,
      name,
      municipalityCode: 'prishtina',
      capacityBeds: 9,
      targetGroups: ['victims_of_trafficking', 'children'],
      confidentialAddress: 'Hidden Road 3',
    })

    await client
      .post('/admin/reference/municipalities/prishtina/retirement')
      .form({ retiredOn: todayInKosovo() })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const retired = await Municipality.findOrFail('prishtina')
    assert.isNotNull(retired.retiredOn)

    const refused = await client
      .post('/shelters')
      .form(shelterForm('New House'))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    assert.deepEqual(Object.keys(refused.flashMessages().inputErrorsBag), ['municipalityCode'])
    assert.isNull(await Shelter.findBy('name', 'New House'))
    const form = await client.get(`/shelters/create?organisationId=${ngo.id}`).loginAs(applicant)
    assert.notInclude(form.text(), 'value="prishtina"')

    const kept = await client
      .post(`/shelters/${existing.id}?_method=PUT`)
      .form({ ...shelterForm('Old House'), capacityBeds: 10 })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    kept.assertStatus(302)
    await existing.refresh()
    assert.equal(existing.capacityBeds, 10)
    assert.equal(existing.municipalityCode, 'prishtina')
  })

  test('the contract names the EU action as the settings did when it was prepared', async ({
    client,
    assert,
  }) => {
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const schedule = (effectiveFrom: string, actionTitle: string, decisionNumber: string) =>
      new ScheduleProgrammeSettings().handle(
        { ...defaultProgrammeSettings, effectiveFrom, actionTitle, decisionNumber },
        admin,
        '127.0.0.1'
      )
    await schedule(todayInKosovo(), 'Shelters for victims of trafficking', 'C(2026) 4711')
    const tomorrow = DateTime.fromISO(todayInKosovo()).plus({ days: 1 }).toISODate()!
    await schedule(tomorrow, 'A later action title', 'C(2027) 1')

    const { grant, grantee } = await makeSignedGrant()
    const reader = await makeMember(grantee, 'applicant')
    const pdf = await client.get(`/grants/${grant.id}/contract.pdf`).loginAs(reader)
    pdf.assertStatus(200)
    const text = pdfText(pdf.body())
    assert.include(text, 'Shelters for victims of trafficking')
    assert.include(text, 'decision C(2026) 4711')
    assert.notInclude(text, 'A later action title')
  })
})
