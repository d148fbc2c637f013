import { logframeScore } from '#domain/calls/grid'
import type Application from '#models/application'
import AssessorAssignment from '#models/assessor_assignment'
import Call from '#models/call'

/**
 * The logframe's part of an application's full-application score: the
 * average over the submitted sheets of the call's logframe criteria (null
 * when the call's grid has none, as in grids made before they existed).
 */
export async function applicationLogframeScore(application: Application) {
  const call = await Call.findOrFail(application.callId)
  const submitted = await AssessorAssignment.query()
    .where({ applicationId: application.id, stage: 'full_application', status: 'submitted' })
    .preload('scores')
  return logframeScore(
    call.fullGrid,
    submitted.map((assignment) => assignment.sheet)
  )
}
