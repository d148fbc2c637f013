import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    /* Keys such as scores[1.1] (grid criteria) keep their dots. */
    queryString: { allowDots: false },
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    /* Expense imports read their file themselves, capped at 10 MB (importLimits). */
    processManually: ['/api/v1/expense-reports/:id/imports'],
    limit: '20mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
