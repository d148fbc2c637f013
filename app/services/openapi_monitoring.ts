import {
  actionPointStatuses,
  lineResults,
  standardResults,
  visitKinds,
  visitStatuses,
} from '#domain/monitoring/monitoring'

/**
 * The OpenAPI paths of monitoring visits and action points (ADR 0031),
 * merged into the document by `app/services/openapi.ts`.
 */
const secured = [{ bearer: [] }]
const errors = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
})
const data = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { data: schema } } } },
})
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } })
const csv = { 'text/csv': { schema: { type: 'string' } } }
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }
const date = { type: 'string', format: 'date' }
const nullableDate = { type: ['string', 'null'], format: 'date' }

const riskReasons = {
  type: 'array',
  items: {
    type: 'object',
    properties: { code: { type: 'string' }, points: { type: 'integer' }, detail: {} },
  },
}

const visit = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    grantId: { type: 'integer' },
    organisationId: { type: 'integer', description: 'The grantee visited' },
    kind: { enum: [...visitKinds] },
    status: { enum: [...visitStatuses] },
    plannedOn: date,
    visitedOn: nullableDate,
    leadUserId: { type: 'integer' },
    leadOrganisationId: { type: 'integer' },
    riskScore: { type: 'integer' },
    riskReasons,
    sampleSeed: { type: ['integer', 'null'], description: 'Redraws the same sample' },
    sampleSize: { type: ['integer', 'null'] },
    purpose: { type: ['string', 'null'] },
    findings: { type: ['string', 'null'] },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          position: { type: 'integer' },
          standardCode: { type: ['string', 'null'] },
          expenseLineId: { type: ['integer', 'null'] },
          selection: { enum: ['largest', 'random', null] },
          admittedCents: { type: ['integer', 'null'] },
          result: { enum: [...standardResults, ...lineResults, null] },
          comment: { type: ['string', 'null'] },
        },
      },
    },
    actionPoints: { type: 'array', items: { type: 'integer' } },
  },
}

const actionPoint = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    grantId: { type: 'integer' },
    organisationId: { type: 'integer' },
    visitId: { type: 'integer' },
    checkId: { type: ['integer', 'null'] },
    title: { type: 'string' },
    description: { type: ['string', 'null'] },
    ownerOrganisationId: { type: 'integer' },
    ownerUserId: { type: ['integer', 'null'] },
    dueOn: date,
    status: { enum: [...actionPointStatuses] },
    overdue: { type: 'boolean' },
    closedAt: { type: ['string', 'null'], format: 'date-time' },
    closingComment: { type: ['string', 'null'] },
    notes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          authorId: { type: 'integer' },
          body: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
}

const visitFilters = [
  { name: 'grantId', in: 'query', schema: { type: 'integer' } },
  { name: 'organisationId', in: 'query', schema: { type: 'integer' } },
  { name: 'kind', in: 'query', schema: { enum: [...visitKinds] } },
  { name: 'status', in: 'query', schema: { enum: [...visitStatuses] } },
]
const pointFilters = [
  { name: 'grantId', in: 'query', schema: { type: 'integer' } },
  { name: 'organisationId', in: 'query', schema: { type: 'integer' } },
  { name: 'status', in: 'query', schema: { enum: [...actionPointStatuses] } },
  { name: 'overdue', in: 'query', schema: { enum: ['yes', 'no'] } },
]
const newActionPoint = {
  type: 'object',
  required: ['title', 'dueOn'],
  properties: {
    title: { type: 'string', maxLength: 200 },
    description: { type: 'string' },
    ownerOrganisationId: { type: 'integer', description: 'The grantee (default) or the funder' },
    ownerUserId: { type: 'integer', description: 'One person of the owner organisation' },
    dueOn: date,
    checkPosition: { type: 'integer', description: 'The checklist item whose finding it follows' },
  },
}

export const monitoringPaths = {
  '/monitoring-visits': {
    get: {
      summary:
        'Monitoring visits the caller may see (MLSW, the funder’s grant managers, the grantee)',
      security: secured,
      parameters: visitFilters,
      responses: {
        '200': data('Visits, latest planned first', { type: 'array', items: visit }),
        '401': errors('Not authenticated'),
        '422': errors('A filter is not valid'),
      },
    },
    post: {
      summary:
        'Plan a visit: an MLSW inspection (MS-01…MS-10) or a funder’s spot check on a seeded sample of admitted expense lines',
      security: secured,
      requestBody: body({
        type: 'object',
        required: ['grantId', 'kind', 'plannedOn'],
        properties: {
          grantId: { type: 'integer' },
          kind: { enum: [...visitKinds] },
          plannedOn: date,
          purpose: { type: 'string' },
          seed: {
            type: 'integer',
            description: 'Spot checks: the sample’s seed (random if absent)',
          },
          largest: { type: 'integer', default: 3 },
          random: { type: 'integer', default: 2 },
        },
      }),
      responses: {
        '201': data('The visit with its checklist', visit),
        '403': errors('Not allowed to plan this kind of visit of this grant'),
        '404': errors('No such grant visible to the caller'),
        '409': errors('Nothing to sample yet'),
        '422': errors('Malformed input, naming the field'),
      },
    },
  },
  '/monitoring-visits.csv': {
    get: {
      summary: 'The visits list as CSV (same filters)',
      security: secured,
      parameters: visitFilters,
      responses: { '200': { description: 'CSV', content: csv } },
    },
  },
  '/monitoring-visits/proposals': {
    get: {
      summary: 'Running grants proposed for a visit, by risk score with its reasons',
      security: secured,
      responses: {
        '200': data('Proposals, riskiest first', {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              grantId: { type: 'integer' },
              grantReference: { type: 'string' },
              organisationId: { type: 'integer' },
              riskScore: { type: 'integer' },
              riskReasons,
            },
          },
        }),
      },
    },
  },
  '/monitoring-visits/{id}': {
    get: {
      summary: 'One visit with its checklist and action points',
      security: secured,
      parameters: [id],
      responses: { '200': data('The visit', visit), '404': errors('Not found or not visible') },
    },
  },
  '/monitoring-visits/{id}/report': {
    post: {
      summary:
        'Report a planned visit: a result for every checklist item (a finding needs a comment), findings and action points',
      security: secured,
      parameters: [id],
      requestBody: body({
        type: 'object',
        required: ['visitedOn', 'checks'],
        properties: {
          visitedOn: date,
          findings: { type: 'string' },
          checks: {
            type: 'array',
            items: {
              type: 'object',
              required: ['position', 'result'],
              properties: {
                position: { type: 'integer' },
                result: { enum: [...standardResults, ...lineResults] },
                comment: { type: 'string' },
              },
            },
          },
          actionPoints: { type: 'array', items: newActionPoint },
        },
      }),
      responses: {
        '200': data('The reported visit', visit),
        '403': errors('Not the monitor of this kind of visit'),
        '409': errors('Already reported, or a checklist item without a valid result'),
        '422': errors('Malformed input, naming the field'),
      },
    },
  },
  '/action-points': {
    get: {
      summary: 'Action points the caller may see',
      security: secured,
      parameters: pointFilters,
      responses: {
        '200': data('Action points, earliest due first', { type: 'array', items: actionPoint }),
        '422': errors('A filter is not valid'),
      },
    },
  },
  '/action-points.csv': {
    get: {
      summary: 'The action points list as CSV (same filters)',
      security: secured,
      parameters: pointFilters,
      responses: { '200': { description: 'CSV', content: csv } },
    },
  },
  '/action-points/{id}': {
    get: {
      summary: 'One action point with its follow-up notes',
      security: secured,
      parameters: [id],
      responses: {
        '200': data('The action point', actionPoint),
        '404': errors('Not found or not visible'),
      },
    },
    patch: {
      summary:
        'The monitor changes the point (title, due date, owner, a note, reopen an answer); the owner answers with a note only',
      security: secured,
      parameters: [id],
      requestBody: body({
        type: 'object',
        properties: {
          title: { type: 'string' },
          description: { type: 'string' },
          dueOn: date,
          ownerOrganisationId: { type: 'integer' },
          ownerUserId: { type: ['integer', 'null'] },
          note: { type: 'string' },
          reopen: { type: 'boolean' },
        },
      }),
      responses: {
        '200': data('The action point', actionPoint),
        '403': errors('Neither its monitor nor its owner'),
        '409': errors('Closed'),
        '422': errors('Malformed input, or an owner changing more than a note'),
      },
    },
  },
  '/action-points/{id}/close': {
    post: {
      summary: 'Close an action point with the evidence (the monitor of its visit)',
      security: secured,
      parameters: [id],
      requestBody: body({
        type: 'object',
        required: ['comment'],
        properties: { comment: { type: 'string' } },
      }),
      responses: {
        '200': data('The closed action point', actionPoint),
        '403': errors('Not the monitor'),
        '409': errors('Already closed'),
        '422': errors('No evidence or comment'),
      },
    },
  },
} as const
