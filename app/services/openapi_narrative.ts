import {
  logframeChangeValidator,
  logframeDecisionValidator,
  logframeReturnValidator,
  logframeValidator,
} from '#validators/logframe'
import {
  narrativeContentValidator,
  narrativeOpenValidator,
  narrativeReturnValidator,
} from '#validators/narrative_report'

/**
 * The OpenAPI paths of logframes and narrative reports. Request bodies come
 * from the VineJS validators the server uses (`toJSONSchema`), so the
 * document cannot drift from what the server accepts.
 */
const errors = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
})
const data = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { type: 'object', properties: { data: { type: 'object' } } } },
  },
})
const body = (validator: { toJSONSchema(): object }) => ({
  required: true,
  content: { 'application/json': { schema: validator.toJSONSchema() } },
})
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }]
const security = [{ bearer: [] }]

const read = (summary: string) => ({
  summary,
  security,
  parameters: id,
  responses: {
    '200': data(summary),
    '401': errors('Not authenticated'),
    '404': errors('Not found or not visible'),
  },
})

const write = (
  summary: string,
  validator: { toJSONSchema(): object } | null,
  who: string,
  created = false
) => ({
  summary,
  security,
  parameters: id,
  ...(validator ? { requestBody: body(validator) } : {}),
  responses: {
    [created ? '201' : '200']: data(summary),
    '401': errors('Not authenticated'),
    '403': errors(who),
    '404': errors('Not found or not visible'),
    '409': errors('Not possible in the current state, or incomplete (one error per field)'),
    '422': errors('Invalid body'),
  },
})

export const narrativePaths = {
  '/applications/{id}/logframe': {
    get: read('The structured logframe of a full application (version 0 and empty when none)'),
    put: write(
      'Replace the logframe of a shortlisted full application (audited)',
      logframeValidator,
      "Not the applicant NGO's applicant"
    ),
  },
  '/grants/{id}/logframe': {
    get: read(
      "The grant's logframe (copied from the application at contract) and its change requests"
    ),
  },
  '/grants/{id}/logframe-changes': {
    post: write(
      'Request a change of the grant logframe: the whole proposed logframe and a reason; one open request at a time',
      logframeChangeValidator,
      "Not the grantee's applicant or grant manager",
      true
    ),
  },
  '/logframe-changes/{id}/approval': {
    post: write(
      'Approve a logframe change: the grant logframe becomes the proposal as a new version',
      logframeDecisionValidator,
      "Not the funder's grant manager, or the person who asked"
    ),
  },
  '/logframe-changes/{id}/return': {
    post: write(
      'Return a logframe change with a comment',
      logframeReturnValidator,
      "Not the funder's grant manager, or the person who asked"
    ),
  },
  '/grants/{id}/narrative-reports': {
    get: read('The narrative reports of a grant, per reporting period'),
    post: write(
      'Open the narrative report of a reporting period (the final one for the last period)',
      narrativeOpenValidator,
      "Not the grantee's applicant or grant manager",
      true
    ),
  },
  '/narrative-reports/{id}': {
    get: read(
      'A narrative report as the reader may see it: people counts of a protected series read "<5" or "x" for outsiders; the changes since the returned version; sub-grantee contributions rolled up'
    ),
    put: write(
      'Save the text of a draft or returned narrative report',
      narrativeContentValidator,
      "Not the grantee's applicant or grant manager"
    ),
  },
  '/narrative-reports/{id}/submission': {
    post: write(
      'Submit the report: every result, activity and indicator of the logframe answered, breakdowns adding up',
      null,
      "Not the grantee's applicant or grant manager"
    ),
  },
  '/narrative-reports/{id}/verification': {
    post: write(
      'Verify a submitted report',
      null,
      "Not the funder's grant manager or finance officer"
    ),
  },
  '/narrative-reports/{id}/return': {
    post: write(
      'Return a submitted or verified report for revision with a comment',
      narrativeReturnValidator,
      "Not the funder's grant manager or finance officer"
    ),
  },
  '/narrative-reports/{id}/approval': {
    post: write(
      'Approve a verified report',
      null,
      "Not the funder's grant manager, or the person who verified it"
    ),
  },
}
