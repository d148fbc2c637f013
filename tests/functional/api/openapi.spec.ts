import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'

/** `/api/v1/organisations/:id` → `/organisations/{id}` */
function openApiPath(pattern: string) {
  return pattern.replace(/^\/api\/v1/, '').replace(/:([a-zA-Z_]+)/g, '{$1}')
}

test.group('API: OpenAPI document', () => {
  test('is served as OpenAPI 3.1', async ({ client, assert }) => {
    const response = await client.get('/api/v1/openapi.json')
    response.assertStatus(200)
    assert.equal(response.body().openapi, '3.1.0')
  })

  test('describes every registered API route and method', async ({ client, assert }) => {
    const response = await client.get('/api/v1/openapi.json')
    const document = response.body()
    const routes = Object.values(router.toJSON())
      .flat()
      .filter((route) => route.pattern.startsWith('/api/v1/'))
    assert.isAbove(routes.length, 5)

    const missing: string[] = []
    for (const route of routes) {
      const path = document.paths[openApiPath(route.pattern)]
      for (const method of route.methods.filter((m) => m !== 'HEAD')) {
        if (!path?.[method.toLowerCase()]) missing.push(`${method} ${route.pattern}`)
      }
    }
    assert.deepEqual(
      missing,
      [],
      `API routes missing from the OpenAPI document: ${missing.join(', ')}`
    )
  })
})
