import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ConceptNotes } from '#actions/applications/concept_notes'
import { AssessorAssignments } from '#actions/assessments/assessor_assignments'
import { defaultConceptGrid } from '#domain/calls/grid'
import Application from '#models/application'
import AssessmentScore from '#models/assessment_score'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'
import { follow, signIn, summaryOf } from '#tests/form_agent'

const ip = '127.0.0.1'

test.group('Forms: the concept note and the scoring sheet keep what was typed', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('Submit without Save saves what is typed first; the refusal keeps it on screen', async ({
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager)
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const note = await new ConceptNotes().start(call, ngo.id, applicant, ip)
    const agent = await signIn(applicant)

    const refused = await agent.submit(
      `/applications/${note.id}`,
      `/applications/${note.id}/submission`,
      {
        title: 'Safe house in Prizren',
        summary: 'A summary typed for twenty minutes.',
        objectives: '',
        targetGroups: 'Women and girls',
        estimatedTotal: '',
        requested: '',
      }
    )
    assert.equal(refused.status, 302)
    const html = await follow(agent, refused)
    assert.include(html, 'Complete the concept note first')
    assert.include(html, 'A summary typed for twenty minutes.')
    assert.include(html, 'value="Safe house in Prizren"')
    await note.refresh()
    assert.equal(note.status, 'draft')
    assert.equal(note.summary, 'A summary typed for twenty minutes.')
    assert.equal(note.targetGroups, 'Women and girls')
  })

  test('a blank criterion and a 99: both named by their criterion, every score and comment kept', async ({
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager)
    const pool = await makeOrganisation('contracting_authority')
    const assessor = await makeMember(pool, 'assessor')
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const notes = new ConceptNotes()
    const note = await notes.start(call, ngo.id, applicant, ip)
    await notes.save(
      note,
      { title: 'N', summary: 's', objectives: 'o', estimatedTotal: 6_000_000, requested: 5_000_000 },
      applicant,
      ip
    )
    await notes.submit(note.id, applicant, ip)
    const assignments = new AssessorAssignments()
    const assigned = await assignments.assign(
      (await Application.find(note.id))!,
      assessor.id,
      'concept_note',
      manager,
      ip
    )
    if (!assigned.ok) throw new Error('assignment failed')
    await assignments.sign(call.id, assessor, ip)
    const criteria = defaultConceptGrid.sections.flatMap((s) => s.criteria)
    const [blank, tooHigh, ...rest] = criteria
    const fields: Record<string, string> = {
      [`scores[c${blank.key}]`]: '',
      [`scores[c${tooHigh.key}]`]: '99',
      'comments[s1]': 'A comment that took a while',
    }
    for (const criterion of rest) fields[`scores[c${criterion.key}]`] = '3'

    const agent = await signIn(assessor)
    const path = `/assignments/${assigned.assignment.id}`
    const refused = await agent.submit(path, `${path}/scores`, fields)
    const html = await follow(agent, refused)

    const summary = summaryOf(html)
    assert.include(summary, `href="#score-${blank.key}"`)
    assert.include(summary, `${blank.key} ${blank.title.replace("'", '&#x27;')}`)
    assert.include(summary, `Enter a score from 0 to ${blank.maxScore}`)
    assert.include(summary, `href="#score-${tooHigh.key}"`)
    assert.include(summary, `Enter a whole number from 0 to ${tooHigh.maxScore}`)
    assert.notMatch(summary, new RegExp(`>[^<]*c${blank.key.replace(".", "\\.")}`))
    assert.include(html, `id="score-${tooHigh.key}" type="number"`)
    assert.match(html, new RegExp(`id="score-${tooHigh.key}"[^>]*value="99"`))
    assert.match(html, new RegExp(`id="score-${rest[0].key}"[^>]*value="3"`))
    assert.include(html, 'A comment that took a while')
    assert.equal(
      (await AssessmentScore.query().where('assignment_id', assigned.assignment.id)).length,
      0
    )
  })
})
