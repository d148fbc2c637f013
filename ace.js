/*
| JavaScript entrypoint for ace commands. It refuses to run on a Node.js
| older than the one the project pins: every import below is dynamic so
| that this check runs before any TypeScript hook is loaded.
*/
const [major] = process.versions.node.split('.').map(Number)
if (major < 24) {
  console.error(
    `Shelter Grants needs Node.js 24 (this is ${process.version}): run "npm run ace -- <command>" instead of "node ace <command>".`
  )
  process.exit(1)
}

await import('@poppinss/ts-exec')
await import('./bin/console.js')
