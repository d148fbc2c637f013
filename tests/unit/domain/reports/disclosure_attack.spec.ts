import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import GLPK from 'glpk.js/node'
import type {
  ShownCount,
  ShownTable,
  StatisticCount,
  StatisticMeasure,
  StatisticsTables,
  StatisticsView,
} from '#domain/reports/statistics'
import {
  ageBands,
  exitMeasures,
  origins,
  personMeasures,
  referralSources,
  sexes,
  statisticMeasures,
  statisticsTables,
  stockFlowBreak,
} from '#domain/reports/statistics'
import type { RollupDefinition, RollupSeries } from '#domain/reports/disclosure'
import {
  discloseRollup,
  discloseRollups,
  discloseSeries,
  isHidden,
  forgetPatterns,
  leastSuppression,
  primaryMark,
  storedSolveBudget,
  protectiveSeries,
  totalHidden,
} from '#domain/reports/disclosure'

/*
 * The attack: everything one outsider can fetch (every table of every
 * report of every shelter, over several periods, the lead-grant and
 * national roll-ups), read with everything the rules say (the stock-flow
 * identity per sex and origin, "<5" = 0–4, "x" = 5 or more, a protected
 * series or referral list holds a count from 1 to 4, bed-days mean someone
 * was present), is turned into an integer linear programme over the
 * underlying counts. For every hidden entry, GLPK (glpk.js) minimises and
 * maximises it: the two must differ.
 *
 * The share of entries hidden is printed before (the protective pattern,
 * roll-ups over hidden totals withheld) and after the least step; a second
 * test shows the pattern is least: showing any remaining "x" or hidden
 * zero lets the attack determine some hidden entry.
 */

const isSmallCount = (value: number) => value >= 1 && value <= 4
const rollupsShownNone = async (_: RollupSeries[], definitions: RollupDefinition[]) =>
  definitions.map((): ShownCount => ({ suppressed: true, mark: 'x' }))

type Form = Map<string, number>
interface Constraint {
  form: Form
  lb: number
  ub: number
}
interface Target {
  label: string
  form: Form
  truth: number
}

/** A large upper bound for every count (keeps each programme bounded). */
const UB = 100_000

function mulberry32(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Shelter {
  grant: string
  lead: string
  /** Per period: the cube of counts and the referrals. */
  periods: {
    counts: StatisticCount[]
    referrals: { source: (typeof referralSources)[number]; count: number }[]
  }[]
}

/** Three periods of six months: two in 2026, one in 2027. */
const periodsPerYear = 2
const periodCount = 3
const years = [2026, 2027]

/** Shelters with many small counts (and one per lead in steps of 5, never small). */
function generate(seed: number): Shelter[] {
  const random = mulberry32(seed)
  const int = (max: number) => Math.floor(random() * (max + 1))
  const shelters: Shelter[] = []
  for (const lead of ['L1', 'L2']) {
    for (let s = 0; s < 3; s++) {
      const step = s === 0 ? 5 : 1
      const small = () => int(2) * step
      const grant = `${lead}S${s}`
      const cells = sexes.flatMap((sex) =>
        ageBands.flatMap((ageBand) => origins.map((origin) => ({ sex, ageBand, origin })))
      )
      const residents = new Map(cells.map((c) => [c, random() < 0.5 ? small() : 0]))
      const periods: Shelter['periods'] = []
      for (let k = 0; k < periodCount; k++) {
        const counts: StatisticCount[] = []
        for (const c of cells) {
          const admissions = random() < 0.6 ? small() : 0
          const present = residents.get(c)! + admissions
          let left = present
          const exits = exitMeasures.map(() => {
            const out = step === 1 ? int(Math.min(left, 1)) : Math.min(left, int(1) * step)
            left -= out
            return out
          })
          residents.set(c, left)
          const bedDays = present === 0 ? 0 : present * (30 + int(150))
          counts.push(
            { measure: 'admissions', ...c, count: admissions },
            ...exitMeasures.map((measure, i) => ({ measure, ...c, count: exits[i] })),
            { measure: 'residents_end', ...c, count: left },
            { measure: 'bed_days', ...c, count: bedDays }
          )
        }
        const referrals = referralSources.map((source) => ({
          source,
          count: random() < 0.4 ? small() : 0,
        }))
        periods.push({ counts, referrals })
      }
      shelters.push({ grant, lead, periods })
    }
  }
  return shelters
}

const cellVar = (
  grant: string,
  k: number,
  measure: string,
  sex: string,
  ageBand: string,
  origin: string
) => `${grant}_p${k}_${measure}_${sex}_${ageBand}_${origin}`

function add(form: Form, name: string, coef = 1) {
  form.set(name, (form.get(name) ?? 0) + coef)
  return form
}

/** The linear forms of every entry of a measure's two tables, in the order they are shown. */
function measureForms(grant: string, k: number, measure: string) {
  const v = (sex: string, ageBand: string, origin: string) =>
    cellVar(grant, k, measure, sex, ageBand, origin)
  const sum = (pick: (sex: string, ageBand: string, origin: string) => boolean) => {
    const form: Form = new Map()
    for (const sex of sexes)
      for (const ageBand of ageBands)
        for (const origin of origins)
          if (pick(sex, ageBand, origin)) add(form, v(sex, ageBand, origin))
    return form
  }
  return {
    bySexAndAgeBand: {
      cells: sexes.map((s) => ageBands.map((a) => sum((sex, band) => sex === s && band === a))),
      rowTotals: sexes.map((s) => sum((sex) => sex === s)),
      columnTotals: ageBands.map((a) => sum((_, band) => band === a)),
      total: sum(() => true),
    },
    byOriginAndSex: {
      cells: origins.map((o) =>
        sexes.map((s) => sum((sex, _, origin) => sex === s && origin === o))
      ),
      rowTotals: origins.map((o) => sum((_, __, origin) => origin === o)),
      columnTotals: sexes.map((s) => sum((sex) => sex === s)),
      total: sum(() => true),
    },
  }
}

function evaluate(form: Form, truth: Map<string, number>) {
  let total = 0
  for (const [name, coef] of form) total += coef * (truth.get(name) ?? 0)
  return total
}

/** The outsider's views of every shelter's series. */
type Disclose = (series: StatisticsTables[]) => Promise<StatisticsView[]>
/** The roll-ups as the outsider sees them, given every series and the roll-up definitions. */
type Rollups = (series: RollupSeries[], definitions: RollupDefinition[]) => Promise<ShownCount[]>

interface AttackOptions {
  /** Stop at the first determined entry (for the necessity check). */
  stopAtFirst?: boolean
  /** Variables whose entries are attacked first. */
  first?: Set<string>
  /** Replaces the disclosed views of one shelter (index) before reading them. */
  alter?: (shelter: number, views: StatisticsView[]) => StatisticsView[]
}

/**
 * Everything one outsider sees of `shelters` through `disclose` and
 * `rollups`, attacked: for every distinct hidden entry, its least and
 * greatest value over all integer solutions; the determined ones.
 */
async function attack(
  assert: Assert,
  shelters: Shelter[],
  disclose: Disclose,
  rollups: Rollups,
  options: AttackOptions = {}
) {
  const glpk = await GLPK()
  const truth = new Map<string, number>()
  const constraints: Constraint[] = []
  const targets: Target[] = []
  let published = 0

  /** Reads one shown entry as the outsider does: a value, "<5" = 0–4, "x" = 5 or more. */
  const read = (
    label: string,
    form: Form,
    shown: ShownCount,
    hiddenRange: [number, number] | null
  ) => {
    published++
    if (!isHidden(shown)) {
      constraints.push({ form, lb: shown.value, ub: shown.value })
      return
    }
    if (hiddenRange) constraints.push({ form, lb: hiddenRange[0], ub: hiddenRange[1] })
    targets.push({ label, form, truth: evaluate(form, truth) })
  }
  const personRange = (entry: ShownCount): [number, number] =>
    isHidden(entry) && entry.mark === primaryMark ? [0, 4] : [5, UB]

  // Every report total, per shelter, for the roll-ups.
  const totals = new Map<string, Form>()
  const seriesList: RollupSeries[] = []

  for (const [index, shelter] of shelters.entries()) {
    const series = shelter.periods.map((p) => statisticsTables(p.counts, p.referrals))
    seriesList.push({ tables: series, insider: false })
    for (const [k, p] of shelter.periods.entries()) {
      for (const c of p.counts) {
        truth.set(cellVar(shelter.grant, k, c.measure, c.sex, c.ageBand, c.origin), c.count)
      }
      for (const r of p.referrals) truth.set(`${shelter.grant}_p${k}_ref_${r.source}`, r.count)
      assert.isNull(stockFlowBreak(k > 0 ? series[k - 1] : null, series[k]))
    }
    let views: StatisticsView[] = await disclose(series)
    if (options.alter) views = options.alter(index, views)
    /** The sum of every person entry read "<5" in the series. */
    const smallEntries: Form = new Map()

    for (const [k, view] of views.entries()) {
      for (const measure of statisticMeasures) {
        const forms = measureForms(shelter.grant, k, measure)
        const shown = view.measures[measure]
        const range = (entry: ShownCount): [number, number] | null => {
          if (!isHidden(entry)) return null
          return measure === 'bed_days' ? [0, UB] : personRange(entry)
        }
        for (const table of ['bySexAndAgeBand', 'byOriginAndSex'] as const) {
          const f = forms[table]
          const s = shown[table]
          const at = `${shelter.grant} p${k} ${measure} ${table}`
          const entries = [
            ...f.cells.flatMap((row, i) =>
              row.map((form, j) => [`${at} [${i},${j}]`, form, s.cells[i][j]] as const)
            ),
            ...f.rowTotals.map((form, i) => [`${at} row ${i}`, form, s.rowTotals[i]] as const),
            ...f.columnTotals.map(
              (form, j) => [`${at} column ${j}`, form, s.columnTotals[j]] as const
            ),
            [`${at} total`, f.total, s.total] as const,
          ]
          for (const [label, form, entry] of entries) {
            read(label, form, entry, range(entry))
            if (measure !== 'bed_days' && isHidden(entry) && entry.mark === primaryMark) {
              for (const [name, coef] of form) add(smallEntries, name, coef)
            }
          }
        }
        totals.set(`${index}|${k}|${measure}`, forms.bySexAndAgeBand.total)
      }
      // Referrals.
      const refVar = (source: string) => `${shelter.grant}_p${k}_ref_${source}`
      const refTotal: Form = new Map(referralSources.map((source) => [refVar(source), 1]))
      const smallReferrals: Form = new Map()
      referralSources.forEach((source, i) => {
        const entry = view.referrals.counts[i]
        const form: Form = new Map([[refVar(source), 1]])
        read(
          `${shelter.grant} p${k} referrals ${source}`,
          form,
          entry,
          isHidden(entry) ? personRange(entry) : null
        )
        if (isHidden(entry) && entry.mark === primaryMark) add(smallReferrals, refVar(source))
      })
      const total = view.referrals.total
      read(
        `${shelter.grant} p${k} referrals total`,
        refTotal,
        total,
        isHidden(total) ? personRange(total) : null
      )
      if (isHidden(total) && total.mark === primaryMark) {
        for (const [name, coef] of refTotal) add(smallReferrals, name, coef)
      }
      // Inverting the method: a list is hidden only when it holds a count from 1 to 4.
      if (smallReferrals.size > 0) constraints.push({ form: smallReferrals, lb: 1, ub: 1e9 })
      totals.set(`${index}|${k}|referrals`, refTotal)
    }

    // Inverting the method: a series is protected only because some entry is from
    // 1 to 4, and such an entry reads "<5" — so the "<5" entries add up to 1 or more.
    if (smallEntries.size > 0) constraints.push({ form: smallEntries, lb: 1, ub: 1e9 })

    // The stock-flow identity per sex and origin, with an unknown opening stock;
    // bed-days in a period mean someone was present in it.
    for (let k = 0; k < shelter.periods.length; k++) {
      const presence: Form = new Map()
      for (const sex of sexes) {
        for (const origin of origins) {
          const form: Form = new Map()
          for (const ageBand of ageBands) {
            add(form, cellVar(shelter.grant, k, 'residents_end', sex, ageBand, origin), 1)
            add(form, cellVar(shelter.grant, k, 'admissions', sex, ageBand, origin), -1)
            add(presence, cellVar(shelter.grant, k, 'admissions', sex, ageBand, origin), 1)
            for (const e of exitMeasures)
              add(form, cellVar(shelter.grant, k, e, sex, ageBand, origin), 1)
            if (k > 0) {
              const before = cellVar(shelter.grant, k - 1, 'residents_end', sex, ageBand, origin)
              add(form, before, -1)
              add(presence, before, 1)
            }
          }
          if (k === 0) {
            add(form, `${shelter.grant}_opening_${sex}_${origin}`, -1)
            add(presence, `${shelter.grant}_opening_${sex}_${origin}`, 1)
          }
          constraints.push({ form, lb: 0, ub: 0 })
        }
      }
      const bedDays = views[k].measures.bed_days.bySexAndAgeBand.total
      if (!isHidden(bedDays) && bedDays.value > 0) {
        constraints.push({ form: presence, lb: 1, ub: 1e9 })
      }
    }
  }

  // Roll-ups: per lead grant and year, then national per year, each measure.
  const definitions: RollupDefinition[] = []
  const rollupForms: Form[] = []
  const labels: string[] = []
  for (const year of years) {
    for (const measure of [...personMeasures, 'referrals'] as const) {
      const contributorsOf = (lead: string | null) =>
        shelters.flatMap((shelter, series) =>
          lead !== null && shelter.lead !== lead
            ? []
            : shelter.periods.flatMap((_, report) =>
                years[Math.floor(report / periodsPerYear)] === year ? [{ series, report }] : []
              )
        )
      for (const lead of [...new Set(shelters.map((s) => s.lead)), null]) {
        const contributors = contributorsOf(lead)
        const form: Form = new Map()
        for (const c of contributors) {
          for (const [n, coef] of totals.get(`${c.series}|${c.report}|${measure}`)!) {
            add(form, n, coef)
          }
        }
        definitions.push({ measure, contributors })
        rollupForms.push(form)
        labels.push(`${lead ?? 'national'} ${year} ${measure}`)
      }
    }
  }
  const shownRollups = await rollups(seriesList, definitions)
  let rollupsShown = 0
  shownRollups.forEach((shown, i) => {
    // A roll-up of 1–4 reads "<5"; "x" is withheld, whatever its size.
    if (isHidden(shown) && shown.mark === primaryMark) {
      constraints.push({ form: rollupForms[i], lb: 1, ub: 4 })
      rollupsShown++
    } else if (!isHidden(shown)) {
      constraints.push({ form: rollupForms[i], lb: shown.value, ub: shown.value })
      rollupsShown++
    }
    void labels
  })

  // Connected components of the variables, so that each programme stays small.
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    if (!parent.has(x)) parent.set(x, x)
    const p = parent.get(x)!
    if (p === x) return x
    const root = find(p)
    parent.set(x, root)
    return root
  }
  const union = (names: string[]) =>
    names.slice(1).forEach((n) => parent.set(find(n), find(names[0])))
  for (const c of constraints) union([...c.form.keys()])
  for (const t of targets) union([...t.form.keys()])
  const byComponent = new Map<string, Constraint[]>()
  for (const c of constraints) {
    const root = find([...c.form.keys()][0])
    byComponent.set(root, [...(byComponent.get(root) ?? []), c])
  }
  const varsOf = new Map<string, Set<string>>()
  for (const name of parent.keys()) {
    const root = find(name)
    varsOf.set(root, (varsOf.get(root) ?? new Set()).add(name))
  }

  const seen = new Set<string>()
  const determined: string[] = []
  let checked = 0
  const ordered = options.first
    ? [
        ...targets.filter((t) => [...t.form.keys()].some((n) => options.first!.has(n))),
        ...targets.filter((t) => ![...t.form.keys()].some((n) => options.first!.has(n))),
      ]
    : targets
  for (const target of ordered) {
    const key = [...target.form]
      .sort()
      .map(([n, c]) => `${n}*${c}`)
      .join('+')
    if (seen.has(key)) continue
    seen.add(key)
    const root = find([...target.form.keys()][0])
    const names = [...varsOf.get(root)!]
    const solve = async (direction: number) => {
      const result = await glpk.solve(
        {
          name: 'attack',
          objective: {
            direction,
            name: 'cell',
            vars: [...target.form].map(([name, coef]) => ({ name, coef })),
          },
          subjectTo: (byComponent.get(root) ?? []).map((c, i) => ({
            name: `c${i}`,
            vars: [...c.form].map(([name, coef]) => ({ name, coef })),
            bnds:
              c.lb === c.ub
                ? { type: glpk.GLP_FX, lb: c.lb, ub: c.ub }
                : { type: glpk.GLP_DB, lb: c.lb, ub: c.ub },
          })),
          bounds: names.map((name) => ({ name, type: glpk.GLP_DB, lb: 0, ub: UB })),
          generals: names,
        },
        { msglev: glpk.GLP_MSG_OFF, presol: true }
      )
      assert.include([glpk.GLP_OPT, glpk.GLP_FEAS], result.result.status, target.label)
      return Math.round(result.result.z)
    }
    const min = await solve(glpk.GLP_MIN)
    const max = await solve(glpk.GLP_MAX)
    checked++
    assert.isAtMost(min, target.truth, target.label)
    assert.isAtLeast(max, target.truth, target.label)
    if (min === max) {
      determined.push(`${target.label} = ${min}`)
      if (options.stopAtFirst) break
    }
  }

  return {
    published,
    hidden: targets.length,
    checked,
    determined,
    rollups: definitions.length,
    rollupsShown,
  }
}

/** The naive control: only counts of 1–4 hidden, every other entry and roll-up shown. */
const primaryOnly: Disclose = async (series) => {
  const all = await discloseSeries(series, { insider: true })
  return all.map((view) => {
    const mark = (shown: ShownCount): ShownCount =>
      !isHidden(shown) && shown.value >= 1 && shown.value <= 4
        ? { suppressed: true, mark: primaryMark }
        : shown
    const table = <R extends string, C extends string>(t: ShownTable<R, C>): ShownTable<R, C> => ({
      ...t,
      cells: t.cells.map((row) => row.map(mark)),
      rowTotals: t.rowTotals.map(mark),
      columnTotals: t.columnTotals.map(mark),
      total: mark(t.total),
    })
    return {
      measures: Object.fromEntries(
        statisticMeasures.map((m) => [
          m,
          {
            bySexAndAgeBand: table(view.measures[m].bySexAndAgeBand),
            byOriginAndSex: table(view.measures[m].byOriginAndSex),
          },
        ])
      ) as StatisticsView['measures'],
      referrals: {
        keys: view.referrals.keys,
        counts: view.referrals.counts.map(mark),
        total: mark(view.referrals.total),
      },
    }
  })
}
const rollupsShown: Rollups = async (series, definitions) =>
  definitions.map((d) => ({
    value: d.contributors.reduce((sum, c) => {
      const tables = series[c.series].tables[c.report]
      return (
        sum +
        (d.measure === 'referrals'
          ? tables.referrals.total
          : tables.measures[d.measure].bySexAndAgeBand.total)
      )
    }, 0),
  }))
/** The protective pattern and every roll-up over a hidden total withheld (before the least step). */
const protective: Disclose = async (series) => protectiveSeries(series, { insider: false })
/** The least pattern as stored when the data changes (the large budget). */
const least: Disclose = (series) =>
  discloseSeries(series, { insider: false }, { maxSolves: storedSolveBudget, persist: true })
const protectiveRollups: Rollups = async (series, definitions) => {
  const views = series.map((s) => protectiveSeries(s.tables, { insider: false }))
  return definitions.map((d) =>
    discloseRollup(
      d.contributors.map((c) => {
        const tables = series[c.series].tables[c.report]
        return {
          value:
            d.measure === 'referrals'
              ? tables.referrals.total
              : tables.measures[d.measure].bySexAndAgeBand.total,
          hidden: totalHidden(views[c.series][c.report], d.measure),
        }
      })
    )
  )
}
const leastRollups: Rollups = (series, definitions) =>
  discloseRollups(series, definitions, { maxSolves: storedSolveBudget, persist: true })
/** Cut short by a small budget (a view that finds nothing stored): safe too. */
const cutShort: Disclose = (series) => discloseSeries(series, { insider: false }, { maxSolves: 25 })
const cutShortRollups: Rollups = (series, definitions) =>
  discloseRollups(series, definitions, { maxSolves: 25 })

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`

test.group('Disclosure | attack by integer linear programming', () => {
  test('no hidden entry is determined by everything one outsider sees; the least pattern hides less', async ({
    assert,
  }) => {
    const shelters = generate(20261203)
    const before = await attack(assert, shelters, protective, protectiveRollups)
    const after = await attack(assert, shelters, least, leastRollups)
    console.log(
      `  disclosure attack: ${after.published} published entries; hidden before ${before.hidden} ` +
        `(${percent(before.hidden, before.published)}), after ${after.hidden} ` +
        `(${percent(after.hidden, after.published)}); roll-ups shown before ${before.rollupsShown}/${before.rollups}, ` +
        `after ${after.rollupsShown}/${after.rollups}; ${after.checked} distinct hidden entries attacked, ` +
        `${after.determined.length} determined`
    )
    assert.deepEqual(before.determined, [])
    assert.deepEqual(after.determined, [])
    assert.isAbove(after.checked, 100)
    assert.isBelow(after.hidden, before.hidden)
    assert.isAtLeast(after.rollupsShown, before.rollupsShown)
  }).timeout(600_000)

  test('cut short by a small budget (a view with nothing stored), no hidden entry is determined either', async ({
    assert,
  }) => {
    forgetPatterns()
    const shelters = generate(20261203)
    const cut = await attack(assert, shelters, cutShort, cutShortRollups)
    console.log(
      `  cut short (25 solves): hidden ${cut.hidden} of ${cut.published} ` +
        `(${percent(cut.hidden, cut.published)}); roll-ups shown ${cut.rollupsShown}/${cut.rollups}`
    )
    assert.deepEqual(cut.determined, [])
    forgetPatterns()
  }).timeout(600_000)

  test('the pattern is least: showing any remaining "x" or hidden zero gives a hidden entry away', async ({
    assert,
  }) => {
    // One shelter of many small counts over three periods.
    const [shelter] = generate(7).filter((s) => s.grant === 'L1S1')
    const series = shelter.periods.map((p) => statisticsTables(p.counts, p.referrals))
    const outcome = await leastSuppression(series, { maxSolves: storedSolveBudget })
    assert.isTrue(outcome.complete)
    const views = outcome.views
    // Every position still hidden that is not a count from 1 to 4.
    const candidates: { k: number; measure: string; table: string; at: string; value: number }[] =
      []
    views.forEach((view, k) => {
      for (const measure of personMeasures) {
        const tables = series[k].measures[measure]
        for (const table of ['bySexAndAgeBand', 'byOriginAndSex'] as const) {
          const shown = view.measures[measure][table]
          const truth = tables[table]
          shown.cells.forEach((row, i) =>
            row.forEach((c, j) => {
              if (isHidden(c) && !isSmallCount(truth.cells[i][j]))
                candidates.push({ k, measure, table, at: `c${i}${j}`, value: truth.cells[i][j] })
            })
          )
          shown.rowTotals.forEach((c, i) => {
            if (isHidden(c) && !isSmallCount(truth.rowTotals[i]))
              candidates.push({ k, measure, table, at: `r${i}`, value: truth.rowTotals[i] })
          })
          shown.columnTotals.forEach((c, j) => {
            if (isHidden(c) && !isSmallCount(truth.columnTotals[j]))
              candidates.push({ k, measure, table, at: `k${j}`, value: truth.columnTotals[j] })
          })
          if (isHidden(shown.total) && !isSmallCount(truth.total))
            candidates.push({ k, measure, table, at: 't', value: truth.total })
        }
      }
      view.referrals.counts.forEach((c, i) => {
        if (isHidden(c) && !isSmallCount(series[k].referrals.counts[i]))
          candidates.push({
            k,
            measure: 'referrals',
            table: '',
            at: `r${i}`,
            value: series[k].referrals.counts[i],
          })
      })
    })
    console.log(
      `  least pattern of one shelter: ${outcome.hidden} of ${outcome.published} distinct entries hidden ` +
        `(${percent(outcome.hidden, outcome.published)}; protective ${percent(outcome.hiddenBefore, outcome.published)}); ` +
        `${candidates.length} hidden table positions that are not 1–4, each checked necessary`
    )
    assert.isAbove(candidates.length, 0)
    for (const c of candidates) {
      const alter = (_: number, shown: StatisticsView[]) => {
        const copy = structuredClone(shown)
        const value = { value: c.value }
        if (c.measure === 'referrals') {
          copy[c.k].referrals.counts[Number(c.at.slice(1))] = value
          return copy
        }
        const t = copy[c.k].measures[c.measure as StatisticMeasure][c.table as 'bySexAndAgeBand']
        if (c.at === 't') t.total = value
        else if (c.at.startsWith('c')) t.cells[Number(c.at[1])][Number(c.at[2])] = value
        else if (c.at.startsWith('r')) t.rowTotals[Number(c.at[1])] = value
        else t.columnTotals[Number(c.at[1])] = value
        return copy
      }
      const first = new Set([
        ...(c.measure === 'referrals'
          ? [`${shelter.grant}_p${c.k}_ref_${referralSources[Number(c.at.slice(1))]}`]
          : sexes.flatMap((sex) =>
              ageBands.flatMap((band) =>
                origins.map((origin) => cellVar(shelter.grant, c.k, c.measure, sex, band, origin))
              )
            )),
      ])
      const result = await attack(assert, [shelter], async () => views, rollupsShownNone, {
        stopAtFirst: true,
        first,
        alter,
      })
      assert.isAbove(
        result.determined.length,
        0,
        `showing ${c.measure} p${c.k} ${c.table} ${c.at} = ${c.value} should give a hidden entry away`
      )
    }
  }).timeout(600_000)

  test('the attack finds the hidden cells that primary suppression alone gives away', async ({
    assert,
  }) => {
    // Stock and flow: 7 at the end of period 1; in period 2, 6 admitted, 3
    // reintegrated ("<5"), 10 at the end. Another shelter reintegrates 6 the
    // same year, and the lead grant's total of 9 is shown.
    const fa = (measure: StatisticCount['measure'], count: number): StatisticCount => ({
      measure,
      sex: 'female',
      ageBand: 'adult',
      origin: 'foreign',
      count,
    })
    const shelters: Shelter[] = [
      {
        grant: 'L1S0',
        lead: 'L1',
        periods: [
          { counts: [fa('admissions', 7), fa('residents_end', 7)], referrals: [] },
          {
            counts: [fa('admissions', 6), fa('exits_reintegrated', 3), fa('residents_end', 10)],
            referrals: [],
          },
        ],
      },
      {
        grant: 'L1S1',
        lead: 'L1',
        periods: [
          { counts: [fa('admissions', 6), fa('exits_reintegrated', 6)], referrals: [] },
          { counts: [], referrals: [] },
        ],
      },
    ]
    const naive = await attack(assert, shelters, primaryOnly, rollupsShown)
    assert.include(naive.determined, 'L1S0 p1 exits_reintegrated bySexAndAgeBand total = 3')
    const safe = await attack(assert, shelters, least, leastRollups)
    assert.deepEqual(safe.determined, [])
  }).timeout(60_000)
})
