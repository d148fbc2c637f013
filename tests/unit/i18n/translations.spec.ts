import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { test } from '@japa/runner'

/**
 * Every message a person can read exists in English, Albanian and Serbian
 * (Latin) with the same placeholders, and no English sentence is written
 * into the code paths that answer people (actions, controllers,
 * middleware, exceptions, validators, services: mails, imports, PDFs).
 * New namespace files are picked up by themselves.
 */
const root = join(import.meta.dirname, '..', '..', '..')
const locales = ['en', 'sq', 'sr-Latn'] as const
const langDir = join(root, 'resources', 'lang')

type Flat = Map<string, string>

function flatten(value: unknown, prefix: string, into: Flat) {
  if (typeof value === 'string') into.set(prefix, value)
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, `${prefix}.${key}`, into)
  } else into.set(prefix, String(value))
}

function namespaces(locale: string) {
  return readdirSync(join(langDir, locale))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort()
}

function messages(locale: string): Flat {
  const flat: Flat = new Map()
  for (const ns of namespaces(locale)) {
    flatten(JSON.parse(readFileSync(join(langDir, locale, `${ns}.json`), 'utf8')), ns, flat)
  }
  return flat
}

/** The ICU arguments of a message: `{name}`, `{count, plural, …}`, not the words of plural branches. */
export function placeholders(message: string) {
  const names = new Set<string>()
  const hasBranches = /,\s*(plural|selectordinal|select)\s*,/.test(message)
  for (const match of message.matchAll(/\{\s*([A-Za-z_]\w*)\s*([,}])/g)) {
    const before = message.slice(0, match.index).trimEnd()
    // `one {flag}`, `other {flags}`: the words of a plural branch, not an argument.
    const branch = /(?:\b(?:zero|one|two|few|many|other)|=\d+)$/.test(before)
    if (hasBranches && match[2] === '}' && branch) continue
    names.add(match[1])
  }
  return [...names].sort()
}

function files(dir: string, ext: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...files(path, ext))
    else if (name.endsWith(ext)) out.push(path)
  }
  return out
}

/** Blanks comments, keeping offsets and line numbers. */
function withoutComments(source: string) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (c, lead: string) => lead + ' '.repeat(c.length - 1))
    .replace(/\{\{--[\s\S]*?--\}\}/g, (c) => c.replace(/[^\n]/g, ' '))
}

const stringLiteral = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g

test.group('Translations: every key in every language', () => {
  const all = Object.fromEntries(locales.map((locale) => [locale, messages(locale)])) as Record<
    (typeof locales)[number],
    Flat
  >

  test('each namespace file exists in en, sq and sr-Latn', ({ assert }) => {
    assert.deepEqual(namespaces('sq'), namespaces('en'))
    assert.deepEqual(namespaces('sr-Latn'), namespaces('en'))
  })

  test('each key exists in every language, is not empty and has the same placeholders', ({
    assert,
  }) => {
    const problems: string[] = []
    const keys = new Set(locales.flatMap((locale) => [...all[locale].keys()]))
    for (const key of keys) {
      const english = all.en.get(key)
      for (const locale of locales) {
        const text = all[locale].get(key)
        if (text === undefined) problems.push(`${locale}: ${key} is missing`)
        // Empty on purpose only when English is empty too (a notice without a body).
        else if (text.trim() === '' && english?.trim() !== '')
          problems.push(`${locale}: ${key} is empty`)
        else if (english !== undefined && locale !== 'en') {
          const expected = placeholders(english).join(',')
          const got = placeholders(text).join(',')
          if (expected !== got)
            problems.push(`${locale}: ${key} has {${got}} where English has {${expected}}`)
        }
      }
    }
    assert.deepEqual(problems, [])
  })

  test('the placeholder reader tells arguments from plural branches', ({ assert }) => {
    assert.deepEqual(placeholders('{count, plural, one {# flag} other {# flags}} in {year}'), [
      'count',
      'year',
    ])
    assert.deepEqual(placeholders('{count, plural, one {line} other {lines}} of {name}'), [
      'count',
      'name',
    ])
    assert.deepEqual(placeholders('Row {row}: {message}'), ['message', 'row'])
  })

  test('every key the templates and the code name exists in all three languages', ({ assert }) => {
    const ns = namespaces('en')
    const literalKey = new RegExp(`^(${ns.join('|')})\\.[A-Za-z0-9_.]+$`)
    const keyPrefix = new RegExp(`^(${ns.join('|')})\\.[A-Za-z0-9_.]*[._]$`)
    const sources = [
      ...files(join(root, 'resources', 'views'), '.edge'),
      ...files(join(root, 'app'), '.ts'),
    ]
    // Every key and every dotted prefix of a key (`messages.roles.`), per language.
    const prefixes = Object.fromEntries(
      locales.map((locale) => {
        const set = new Set<string>()
        for (const key of all[locale].keys()) {
          for (let i = 1; i <= key.length; i++) set.add(key.slice(0, i))
        }
        return [locale, set]
      })
    ) as Record<(typeof locales)[number], Set<string>>
    const problems: string[] = []
    for (const file of sources) {
      const source = withoutComments(readFileSync(file, 'utf8'))
      for (const match of source.matchAll(stringLiteral)) {
        const raw = match[1] ?? match[2] ?? match[3]
        // `ux.conflicts.${code}` names a family of keys: its prefix must have keys.
        const text = match[3] !== undefined ? raw.split('${')[0] : raw
        const isTemplatePrefix = match[3] !== undefined && raw.includes('${')
        const where = `${relative(root, file)}:${source.slice(0, match.index).split('\n').length}`
        // Audit action codes (`handover.need_set`) share a namespace's name; they are not messages.
        if (
          /action\s*(:|===?|!==?)\s*$/.test(
            source.slice(Math.max(0, match.index - 20), match.index)
          )
        )
          continue
        if (isTemplatePrefix || keyPrefix.test(text)) {
          if (!keyPrefix.test(text)) continue
          for (const locale of locales) {
            if (!prefixes[locale].has(text))
              problems.push(`${where}: no ${locale} key starts with ${text}`)
          }
        } else if (literalKey.test(text)) {
          // A literal that names a group of keys (`messages.roles`) is a prefix, not a message.
          for (const locale of locales) {
            const present = all[locale].has(text) || prefixes[locale].has(`${text}.`)
            if (!present) problems.push(`${where}: ${text} is missing in ${locale}`)
          }
        }
      }
    }
    assert.deepEqual(problems, [])
  })
})

/**
 * English sentences still written in code that answers people, known and
 * listed so that any new one fails this test; each is to be moved into the
 * language files (and taken off this list when it is).
 */
const knownEnglish: Record<string, string[]> = {
  // Descriptions stored with ledger entries: financial records keep the words they were
  // written with, and no page or API answer shows them.
  'app/actions/grants/budget_change_support.ts': [
    'Addendum ${change.id}: funder contribution lowered',
  ],
  'app/actions/grants/grant_contracts.ts': ['Commitment of ${grant.reference}'],
  'app/actions/grants/grant_lifecycle.ts': ['Recovery order ${order.id}'],
  'app/actions/grants/record_payment.ts': ['Tranche ${request.number} (${request.kind})'],
  // Fallbacks of custom rules; people read `forms.rules.*`, `ux.rules.*` or `texts.rules.*`
  // (app_provider.ts). The import worker reads `#validators/money` without the app booted.
  'app/validators/call.ts': ['Enter a real date and time'],
  'app/validators/expense_report.ts': ['Enter the rate like 117.5432'],
  'app/validators/money.ts': [
    'Enter an amount like 12 500,00',
    'Enter a percentage between 0 and ${max}',
    'Enter a multiple between 0 and ${max}',
    'The amounts add up to more than the app can hold',
  ],
  'app/validators/organisation_profile.ts': ['The IBAN is not valid'],
  'app/validators/programme_settings.ts': ['Enter whole days from 0 to 365'],
  // What `node ace audit:verify` and `audit:checkpoint` print for the operator (console and logs).
  'app/services/audit_checkpoints.ts': [
    'Audit chain broken at event ${broken.id} (its content',
    'Audit chain broken at event ${broken.id} (it does not follow',
    'Audit chain broken at event ${broken.id} (an unkeyed',
    'Audit chain broken at event ${broken.id} (missing',
    'Audit chain broken at event ${broken.id} (it is not the head',
    'Audit chain broken at event ${broken.id} (the latest checkpoint',
  ],
}

/**
 * Files left in English as a whole, with the reason. The OpenAPI document
 * is developer documentation: its descriptions stay English, like the
 * field names and codes they describe.
 */
const englishFiles: Record<string, string> = {
  'app/services/openapi.ts': 'developer documentation (OpenAPI descriptions)',
  'app/services/openapi_monitoring.ts': 'developer documentation (OpenAPI descriptions)',
  'app/services/openapi_narrative.ts': 'developer documentation (OpenAPI descriptions)',
  'app/services/openapi_results.ts': 'developer documentation (OpenAPI descriptions)',
}

/** Calls whose English text is only the log message: people read a translated code. */
const englishForLogs = ['new BudgetChangeRefusedException(']

/** The span of each call of `opening` up to its closing parenthesis. */
function callSpans(source: string, opening: string) {
  const spans: [number, number][] = []
  let from = source.indexOf(opening)
  while (from !== -1) {
    let depth = 1
    let i = from + opening.length
    while (depth > 0 && i < source.length) {
      if (source[i] === '(') depth++
      else if (source[i] === ')') depth--
      i++
    }
    spans.push([from, i])
    from = source.indexOf(opening, i)
  }
  return spans
}

/** An English sentence: a capitalised word and at least two more words. */
const englishSentence = /^[A-Z][a-z’']*,?( +\S+){2,}/
const logCall = /logger\.|console\.|new Error\(|assert/

export function englishLiterals(source: string) {
  const text = withoutComments(source)
  const exempt = englishForLogs.flatMap((opening) => callSpans(text, opening))
  const lines = text.split('\n')
  const found: string[] = []
  for (const match of text.matchAll(stringLiteral)) {
    const value = match[1] ?? match[2] ?? match[3]
    if (!englishSentence.test(value)) continue
    if (exempt.some(([start, end]) => match.index >= start && match.index < end)) continue
    const line = lines[text.slice(0, match.index).split('\n').length - 1]
    if (logCall.test(line)) continue
    found.push(value)
  }
  return found
}

test.group('Translations: no English sentence in code that answers people', () => {
  const scanned = ['actions', 'controllers', 'middleware', 'exceptions', 'validators', 'services']

  test('refusals, flashes, mails, imports, PDFs and API errors go through the language files', ({
    assert,
  }) => {
    const problems: string[] = []
    for (const path of Object.keys(englishFiles)) {
      if (!existsSync(join(root, path))) problems.push(`${path} is gone; unlist it`)
    }
    for (const dir of scanned) {
      for (const file of files(join(root, 'app', dir), '.ts')) {
        const path = relative(root, file)
        if (englishFiles[path]) continue
        const known = [...(knownEnglish[path] ?? [])]
        for (const literal of englishLiterals(readFileSync(file, 'utf8'))) {
          const index = known.findIndex((prefix) => literal.startsWith(prefix))
          if (index === -1) problems.push(`${path}: "${literal.slice(0, 90)}"`)
          else known.splice(index, 1)
        }
        for (const gone of known) problems.push(`${path}: "${gone}" is translated now; unlist it`)
      }
    }
    assert.deepEqual(problems, [])
  })

  test('the scan finds a refusal, a flash and an API message written in English', ({ assert }) => {
    const source = [
      "throw new DomainConflictException('Only a draft grant can be signed.')",
      "session.flash('error', `The grant ${grant.reference} is closed.`)",
      "return response.conflict({ errors: [{ code: 'E_X', message: 'This person is busy' }] })",
      "throw new DomainConflictException('ux.conflicts.only_a_draft_grant_can_be_signed')",
      "logger.info('Import started for the report')",
      "throw new BudgetChangeRefusedException('E_SAME_BUDGET', 'The proposed budget is the same.')",
    ].join('\n')
    assert.deepEqual(englishLiterals(source), [
      'Only a draft grant can be signed.',
      'The grant ${grant.reference} is closed.',
      'This person is busy',
    ])
  })
})
