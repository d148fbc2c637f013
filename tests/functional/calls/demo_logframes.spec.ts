import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DemoData } from '#database/seeders/demo_data'
import { logframeCriteria } from '#domain/calls/grid'
import { logframeProblems, logframeSubmissionGaps } from '#domain/narrative/logframe'
import Application from '#models/application'
import AssessorAssignment from '#models/assessor_assignment'
import Grant from '#models/grant'
import Indicator from '#models/indicator'
import Logframe from '#models/logframe'

test.group('Demo data: logframes of the full applications and their scores', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every submitted full application has a logframe fit for submission, copied into its grant, and its logframe scored', async ({
    assert,
  }) => {
    await new DemoData().load()
    const indicators = await Indicator.query().select('id')
    const programme = indicators.map((i) => i.id)
    const full = await Application.query().whereNotNull('full_submitted_at').preload('call')
    assert.isAbove(full.length, 0)
    for (const application of full) {
      const logframe = await Logframe.findByOrFail('application_id', application.id)
      assert.deepEqual(logframeSubmissionGaps(logframe.content), [], application.title)
      assert.deepEqual(logframeProblems(logframe.content, programme), [], application.title)
      // The free-text table is gone from the form: the demo has none.
      assert.isEmpty(application.logframe ?? [])

      const grant = await Grant.findBy('application_id', application.id)
      if (grant) {
        const copied = await Logframe.findByOrFail('grant_id', grant.id)
        assert.equal(copied.version, 1)
        assert.deepEqual(copied.content, logframe.content)
      }

      const keys = logframeCriteria(application.call.fullGrid).map((c) => c.key)
      assert.isNotEmpty(keys)
      const sheets = await AssessorAssignment.query()
        .where({ applicationId: application.id, stage: 'full_application', status: 'submitted' })
        .preload('scores')
      assert.isNotEmpty(sheets)
      for (const sheet of sheets) {
        assert.includeMembers(Object.keys(sheet.sheet), keys)
      }
    }
  })
})
