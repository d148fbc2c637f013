/**
 * The OpenAPI 3.1 description of /api/v1. A functional test fails when a
 * registered API route is missing here, so every feature adds its paths.
 */
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
})

const secured = [{ bearer: [] }]

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Shelter Grants API',
    version: '1.0.0',
    description:
      'Grant and sub-grant management for shelters for victims of trafficking. Amounts are integer cents; dates are YYYY-MM-DD; instants are ISO 8601 in UTC.',
  },
  servers: [{ url: '/api/v1' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Errors: {
        type: 'object',
        required: ['errors'],
        properties: {
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                field: { type: 'string' },
              },
            },
          },
        },
      },
      Organisation: {
        type: 'object',
        required: ['id', 'name', 'kind', 'status'],
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          shortName: { type: ['string', 'null'] },
          kind: { enum: ['contracting_authority', 'lead_grantee', 'ngo', 'ministry'] },
          municipalityCode: { type: ['string', 'null'] },
          legalName: { type: ['string', 'null'] },
          registrationNumber: { type: ['string', 'null'] },
          status: { enum: ['active', 'inactive'] },
        },
      },
      Me: {
        type: 'object',
        required: ['id', 'email', 'name', 'organisations'],
        properties: {
          id: { type: 'integer' },
          email: { type: 'string', format: 'email' },
          name: { type: 'string' },
          organisations: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                name: { type: 'string' },
                kind: { type: 'string' },
                roles: {
                  type: 'array',
                  items: {
                    enum: [
                      'applicant',
                      'grant_manager',
                      'finance_officer',
                      'assessor',
                      'mlsw_official',
                      'auditor',
                      'admin',
                    ],
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  paths: {
    '/openapi.json': {
      get: {
        summary: 'This document',
        responses: { '200': { description: 'OpenAPI 3.1 document' } },
      },
    },
    '/tokens': {
      post: {
        summary: 'Create an access token from an email and password',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['email', 'password'],
                properties: {
                  email: { type: 'string', format: 'email' },
                  password: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Token created',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { type: { const: 'bearer' }, token: { type: 'string' } },
                },
              },
            },
          },
          '401': errorResponse('Invalid email or password'),
          '422': errorResponse('Malformed request'),
          '429': errorResponse('Too many failed attempts'),
        },
      },
    },
    '/tokens/current': {
      delete: {
        summary: 'Revoke the token used for this request',
        security: secured,
        responses: { '204': { description: 'Revoked' }, '401': errorResponse('Not authenticated') },
      },
    },
    '/me': {
      get: {
        summary: 'The signed-in user with their organisations and roles',
        security: secured,
        responses: {
          '200': {
            description: 'The user',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Me' } } },
          },
          '401': errorResponse('Not authenticated'),
        },
      },
    },
    '/organisations': {
      get: {
        summary: 'Organisations the user may see',
        security: secured,
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string' } },
          {
            name: 'kind',
            in: 'query',
            schema: { enum: ['contracting_authority', 'lead_grantee', 'ngo', 'ministry'] },
          },
          {
            name: 'sort',
            in: 'query',
            schema: { enum: ['name', 'kind', 'municipality_code', 'created_at'] },
          },
          { name: 'direction', in: 'query', schema: { enum: ['asc', 'desc'] } },
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': {
            description: 'A page of organisations',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    data: { type: 'array', items: { $ref: '#/components/schemas/Organisation' } },
                    meta: { type: 'object' },
                  },
                },
              },
            },
          },
          '401': errorResponse('Not authenticated'),
          '422': errorResponse('Invalid filter'),
        },
      },
    },
    '/organisations/{id}': {
      get: {
        summary: 'One organisation (404 when the user may not see it)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': {
            description: 'The organisation',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { data: { $ref: '#/components/schemas/Organisation' } },
                },
              },
            },
          },
          '401': errorResponse('Not authenticated'),
          '404': errorResponse('Not found or not visible'),
        },
      },
    },
  },
} as const
