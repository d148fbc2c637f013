import { configApp } from '@adonisjs/eslint-config'

export default configApp(
  {
    ignores: [
      'build/**',
      'tmp/**',
      'storage/**',
      '.adonisjs/**',
      'database/schema.ts',
      'public/**',
    ],
  },
  {
    files: ['app/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@adonisjs/*', '#models/*', '#actions/*', '#controllers/*'],
              message: 'app/domain is plain TypeScript: no framework or model imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/controllers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@adonisjs/lucid/services/db',
              message: 'Controllers call actions or models, not the database service.',
            },
          ],
        },
      ],
    },
  }
)
