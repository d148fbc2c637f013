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
      {
        title: 'N',
        summary: 's',
        objectives: 'o',
        estimatedTotal: 6_000_000,
        requested: 5_000_000,
      },
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
    assert.notMatch(summary, new RegExp(`>[^<]*c${blank.key.replace('.', '\\.')}`))
    assert.include(html, `id="score-${tooHigh.key}" type="number"`)
    assert.match(html, new RegExp(`id="score-${tooHigh.key}"[^>]*value="99"`))
    assert.match(html, new RegExp(`id="score-${rest[0].key}"[^>]*value="3"`))
    assert.include(html, 'A comment that took a while')
    const stored = await AssessmentScore.query().where('assignment_id', assigned.assignment.id)
    assert.lengthOf(stored, 0)
  })

  test('the full application comes back with every typed row and names the row of each error', async ({
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager)
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const notes = new ConceptNotes()
    const note = await notes.start(call, ngo.id, applicant, ip)
    await notes.save(
      note,
      { title: 'Beds', summary: 's', objectives: 'o', estimatedTotal: 5263158, requested: 5000000 },
      applicant,
      ip
    )
    await notes.submit(note.id, applicant, ip)
    await Application.query().where('id', note.id).update({ status: 'shortlisted' })

    const agent = await signIn(applicant)
    const path = `/applications/${note.id}/full`
    const refused = await agent.submit(
      path,
      path,
      {
        'periodStartOn': '2027-03-01',
        'periodEndOn': '2028-02-29',
        'narrative[relevance]': 'Needed in the region, typed at length',
        'lines[0][heading]': 'human_resources',
        'lines[0][label]': 'Social workers',
        'lines[0][unit]': 'month',
        'lines[0][quantity]': '12',
        'lines[0][unitCost]': '4 000,00',
        'lines[1][heading]': 'travel',
        'lines[1][label]': 'Field visits',
        'lines[1][unit]': 'trip',
        'lines[1][quantity]': 'twelve',
        'lines[1][unitCost]': '150',
        'cofinancing[0][kind]': 'own_funds',
        'cofinancing[0][source]': 'Own funds',
        'cofinancing[0][amount]': '2 568,00',
      },
      'PUT'
    )
    const html = await follow(agent, refused)
    assert.include(html, 'Needed in the region, typed at length')
    assert.match(html, /name="lines\[1\]\[label\]" value="Field visits"/)
    assert.match(html, /name="lines\[1\]\[quantity\]" value="twelve"/)
    assert.match(html, /name="lines\[0\]\[unitCost\]" value="4 000,00"/)
    assert.match(html, /name="cofinancing\[0\]\[amount\]" value="2 568,00"/)
    const summary = summaryOf(html)
    assert.include(summary, 'href="#field-lines-1-quantity"')
    assert.include(summary, 'Budget line 2: Quantity')
  })
})

test.group('Forms: a full application refused for its logframe keeps what was typed', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the refusal names what the logframe lacks and every typed field comes back', async ({
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager)
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const notes = new ConceptNotes()
    const note = await notes.start(call, ngo.id, applicant, ip)
    await notes.save(
      note,
      { title: 'Beds', summary: 's', objectives: 'o', estimatedTotal: 5263158, requested: 5000000 },
      applicant,
      ip
    )
    await notes.submit(note.id, applicant, ip)
    await Application.query().where('id', note.id).update({ status: 'shortlisted' })

    const agent = await signIn(applicant)
    const path = `/applications/${note.id}/full`
    const refused = await agent.submit(path, `/applications/${note.id}/full-submission`, {
      'periodStartOn': '2027-03-01',
      'periodEndOn': '2028-02-29',
      'narrative[relevance]': 'Needed in the region, typed at length',
      'narrative[methodology]': 'Case management',
      'narrative[sustainability]': 'State budget',
      'lines[0][heading]': 'human_resources',
      'lines[0][label]': 'Social workers',
      'lines[0][unit]': 'month',
      'lines[0][quantity]': '12',
      'lines[0][unitCost]': '4 000,00',
      'cofinancing[0][kind]': 'own_funds',
      'cofinancing[0][source]': 'Own funds',
      'cofinancing[0][amount]': '2 526,32',
    })
    assert.equal(refused.status, 302)
    const html = await follow(agent, refused)
    assert.include(html, 'its logframe needs an objective')
    assert.include(html, 'Needed in the region, typed at length')
    assert.match(html, /name="lines\[0\]\[label\]" value="Social workers"/)
    assert.match(html, /name="cofinancing\[0\]\[amount\]" value="2 526,32"/)
    assert.include(html, 'data-logframe-gap="objective"')
    const stored = await Application.findOrFail(note.id)
    assert.equal(stored.status, 'shortlisted')
    assert.equal(stored.narrative?.relevance, 'Needed in the region, typed at length')
  })
})
