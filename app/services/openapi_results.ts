import { indicatorMeasures } from '#domain/reports/indicators'
import { disaggregations, indicatorRules, indicatorUnits } from '#domain/results/framework'

/**
 * The OpenAPI paths of the results framework and the progress pack, kept
 * beside the main document (`openapi.ts`) and spread into its paths.
 */
const errors = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
})
const secured = [{ bearer: [] }]
const data = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { data: schema } } } },
})
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }]
const texts = { type: 'string', minLength: 3, maxLength: 500 }
const shown = {
  type: ['string', 'null'],
  description: 'The value as the caller may see it: a number, "<5" or "x" (DOMAIN-RULES §9)',
}
const indicatorSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    code: { type: 'string' },
    result: { type: ['object', 'null'] },
    title: { type: 'object' },
    unit: { enum: [...indicatorUnits] },
    sourceOfVerification: { type: 'string' },
    disaggregation: { type: 'array', items: { enum: [...disaggregations] } },
    rule: { enum: [...indicatorRules] },
    measure: { type: ['string', 'null'] },
    baseline: { type: 'object' },
    targets: { type: 'object', additionalProperties: { type: 'integer' } },
    series: {
      type: 'object',
      properties: {
        byYear: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              year: { type: 'integer' },
              target: { type: ['integer', 'null'] },
              actual: shown,
              status: { enum: ['met', 'not_met', 'no_target', 'no_data', 'suppressed'] },
            },
          },
        },
        byGrant: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              grantId: { type: 'integer' },
              grantReference: { type: 'string' },
              year: { type: 'integer' },
              actual: shown,
            },
          },
        },
        breakdowns: {
          type: 'array',
          description:
            'GET /indicators/{id} only: the actual value per year by each breakdown the indicator declares, suppressed like the totals; a table never has exactly one hidden entry',
          items: {
            type: 'object',
            properties: {
              year: { type: 'integer' },
              kind: { enum: [...disaggregations] },
              total: shown,
              values: {
                type: 'object',
                description: 'female/male, under_18/adult or domestic/foreign',
                additionalProperties: shown,
              },
            },
          },
        },
      },
    },
  },
}
const resultBody = {
  required: true,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['code', 'titleEn', 'titleSq', 'titleSr'],
        properties: { code: { type: 'string' }, titleEn: texts, titleSq: texts, titleSr: texts },
      },
    },
  },
}
const indicatorBody = {
  required: true,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['resultId', 'code', 'titleEn', 'titleSq', 'titleSr', 'unit', 'rule'],
        properties: {
          resultId: { type: 'integer' },
          code: { type: 'string' },
          titleEn: texts,
          titleSq: texts,
          titleSr: texts,
          unit: { enum: [...indicatorUnits] },
          sourceOfVerification: { type: 'string' },
          disaggregation: { type: 'array', items: { enum: [...disaggregations] } },
          rule: { enum: [...indicatorRules] },
          measure: { enum: [...indicatorMeasures], description: 'For service_statistics' },
          baselineYear: { type: 'integer' },
          baselineValue: { type: 'integer', minimum: 0 },
          targets: { type: 'string', examples: ['2026=11, 2027=12'] },
        },
      },
    },
  },
}

export const resultsPaths = {
  '/indicators': {
    get: {
      summary:
        'The results framework: every indicator with its target and actual value per year and per grant, suppressed for outsiders (programme staff)',
      security: secured,
      responses: {
        '200': data('The indicators', { type: 'array', items: indicatorSchema }),
        '403': errors('Not for grantees'),
      },
    },
    post: {
      summary: 'Adds an indicator under a result (the EU Office’s grant managers; audited)',
      security: secured,
      requestBody: indicatorBody,
      responses: {
        '201': data('The indicator', indicatorSchema),
        '403': errors('Not a grant manager of the EU Office'),
        '409': errors('The code is already used'),
        '422': errors('Invalid input'),
      },
    },
  },
  '/indicators/{id}': {
    get: {
      summary: 'One indicator with its series per year and per grant',
      security: secured,
      parameters: id,
      responses: {
        '200': data('The indicator', indicatorSchema),
        '403': errors('Not for grantees'),
        '404': errors('Not found'),
      },
    },
    put: {
      summary:
        'Changes an indicator, its baseline and targets (the EU Office’s grant managers; audited)',
      security: secured,
      parameters: id,
      requestBody: indicatorBody,
      responses: {
        '200': data('The indicator', indicatorSchema),
        '403': errors('Not a grant manager of the EU Office'),
        '422': errors('Invalid input'),
      },
    },
  },
  '/indicators/{id}/values': {
    post: {
      summary:
        'Records the value of an indicator entered with evidence for a year, optionally a grant (multipart: year, grantId, value, evidence; audited)',
      security: secured,
      parameters: id,
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['year', 'value', 'evidence'],
              properties: {
                year: { type: 'integer' },
                grantId: { type: 'integer' },
                value: { type: 'integer', minimum: 0 },
                evidence: { type: 'string', format: 'binary' },
              },
            },
          },
        },
      },
      responses: {
        '201': data('The value', { type: 'object' }),
        '403': errors('Not a grant manager of the EU Office'),
        '409': errors('The indicator is computed, not entered'),
        '422': errors('Invalid input or no evidence'),
      },
    },
  },
  '/results': {
    post: {
      summary: 'Adds a programme result (the EU Office’s grant managers; audited)',
      security: secured,
      requestBody: resultBody,
      responses: {
        '201': data('The result', { type: 'object' }),
        '403': errors('Not a grant manager of the EU Office'),
        '409': errors('The code is already used'),
      },
    },
  },
  '/results/{id}': {
    put: {
      summary: 'Changes a programme result (the EU Office’s grant managers; audited)',
      security: secured,
      parameters: id,
      requestBody: resultBody,
      responses: {
        '200': data('The result', { type: 'object' }),
        '403': errors('Not a grant manager of the EU Office'),
      },
    },
  },
  '/progress-packs/{quarter}': {
    get: {
      summary:
        'The steering committee’s progress pack of a quarter (e.g. 2026-Q4): calls and awards, commitments and disbursements against plan, reports by status, indicators against targets, licences, handover position, open action points and risks; amounts in cents',
      security: secured,
      parameters: [
        {
          name: 'quarter',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: '^\\d{4}-Q[1-4]$' },
        },
      ],
      responses: {
        '200': data('The pack', { type: 'object' }),
        '403': errors('Not for this role'),
        '422': errors('Not a quarter'),
      },
    },
  },
}
