import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import GLPK from 'glpk.js/node'
import type {
  ShownCount,
  ShownTable,
  StatisticCount,
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
import {
  discloseRollup,
  discloseSeries,
  isHidden,
  primaryMark,
  totalHidden,
} from '#domain/reports/disclosure'

/*
 * The attack: everything one outsider can fetch (every table of every
 * report of every shelter, over several periods, the lead-grant and
 * national roll-ups), read with everything the rules say (the stock-flow
 * identity per sex and origin, "<5" = 1–4, "x" = 5 or more, and the
 * documented "all <5 when the total is small" rule), is turned into an
 * integer linear programme over the underlying counts. For every hidden
 * entry, GLPK (glpk.js) minimises and maximises it: the two must differ.
 */

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

type Disclose = (series: StatisticsTables[]) => StatisticsView[]
type Rollup = (contributors: { value: number; hidden: boolean }[]) => ShownCount

/**
 * Everything one outsider sees of `shelters` through `disclose` and
 * `rollup`, attacked: for every distinct hidden entry, its least and
 * greatest value over all integer solutions; the determined ones.
 */
async function attack(assert: Assert, shelters: Shelter[], disclose: Disclose, rollup: Rollup) {
  const glpk = await GLPK()
  const truth = new Map<string, number>()
  const constraints: Constraint[] = []
  const targets: Target[] = []
  let published = 0

  /** Reads one shown entry as the outsider does. */
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

  // Every report total, per lead and year, for the roll-ups.
  const rollups = new Map<string, { value: number; hidden: boolean; form: Form }[]>()

  for (const shelter of shelters) {
    const series = shelter.periods.map((p) => statisticsTables(p.counts, p.referrals))
    for (const [k, p] of shelter.periods.entries()) {
      for (const c of p.counts) {
        truth.set(cellVar(shelter.grant, k, c.measure, c.sex, c.ageBand, c.origin), c.count)
      }
      for (const r of p.referrals) truth.set(`${shelter.grant}_p${k}_ref_${r.source}`, r.count)
      assert.isNull(stockFlowBreak(k > 0 ? series[k - 1] : null, series[k]))
    }
    const views: StatisticsView[] = disclose(series)
    /** The sum of every person entry read "<5" in the series. */
    const smallEntries: Form = new Map()

    for (const [k, view] of views.entries()) {
      const year = years[Math.floor(k / periodsPerYear)]
      for (const measure of statisticMeasures) {
        const forms = measureForms(shelter.grant, k, measure)
        const shown = view.measures[measure]
        const range = (entry: ShownCount): [number, number] | null => {
          if (!isHidden(entry)) return null
          if (measure === 'bed_days') return [0, UB]
          return entry.mark === primaryMark ? [0, 4] : [5, UB]
        }
        for (const table of ['bySexAndAgeBand', 'byOriginAndSex'] as const) {
          const f = forms[table]
          const s = shown[table]
          const at = `${shelter.grant} p${k} ${measure} ${table}`
          f.cells.forEach((row, i) =>
            row.forEach((form, j) =>
              read(`${at} [${i},${j}]`, form, s.cells[i][j], range(s.cells[i][j]))
            )
          )
          f.rowTotals.forEach((form, i) =>
            read(`${at} row ${i}`, form, s.rowTotals[i], range(s.rowTotals[i]))
          )
          f.columnTotals.forEach((form, j) =>
            read(`${at} column ${j}`, form, s.columnTotals[j], range(s.columnTotals[j]))
          )
          read(`${at} total`, f.total, s.total, range(s.total))
          if (measure !== 'bed_days') {
            const entries = [
              ...f.cells.flatMap((row, i) => row.map((form, j) => [form, s.cells[i][j]] as const)),
              ...f.rowTotals.map((form, i) => [form, s.rowTotals[i]] as const),
              ...f.columnTotals.map((form, j) => [form, s.columnTotals[j]] as const),
              [f.total, s.total] as const,
            ]
            for (const [form, entry] of entries) {
              if (isHidden(entry) && entry.mark === primaryMark) {
                for (const [name, coef] of form) add(smallEntries, name, coef)
              }
            }
          }
        }
        if (measure !== 'bed_days') {
          const key = `${shelter.lead}|${year}|${measure}`
          const list = rollups.get(key) ?? []
          list.push({
            value: evaluate(forms.bySexAndAgeBand.total, truth),
            hidden: totalHidden(view, measure),
            form: forms.bySexAndAgeBand.total,
          })
          rollups.set(key, list)
        }
      }
      // Referrals.
      const refVar = (source: string) => `${shelter.grant}_p${k}_ref_${source}`
      const refTotal: Form = new Map(referralSources.map((source) => [refVar(source), 1]))
      const smallTotal = isHidden(view.referrals.total) && view.referrals.total.mark === primaryMark
      referralSources.forEach((source, i) => {
        const entry = view.referrals.counts[i]
        read(
          `${shelter.grant} p${k} referrals ${source}`,
          new Map([[refVar(source), 1]]),
          entry,
          !isHidden(entry)
            ? null
            : smallTotal
              ? [0, 4]
              : entry.mark === primaryMark
                ? [1, 4]
                : [5, UB]
        )
      })
      read(
        `${shelter.grant} p${k} referrals total`,
        refTotal,
        view.referrals.total,
        !isHidden(view.referrals.total) ? null : smallTotal ? [1, 4] : [5, UB]
      )
      const key = `${shelter.lead}|${year}|referrals`
      const list = rollups.get(key) ?? []
      list.push({
        value: evaluate(refTotal, truth),
        hidden: totalHidden(view, 'referrals'),
        form: refTotal,
      })
      rollups.set(key, list)
    }

    // Inverting the method: a series is protected only because some entry is from
    // 1 to 4, and such an entry reads "<5" — so the "<5" entries add up to 1 or more.
    if (smallEntries.size > 0) constraints.push({ form: smallEntries, lb: 1, ub: 1e9 })

    // The stock-flow identity per sex and origin, with an unknown opening stock.
    for (const sex of sexes) {
      for (const origin of origins) {
        for (let k = 0; k < shelter.periods.length; k++) {
          const form: Form = new Map()
          for (const ageBand of ageBands) {
            add(form, cellVar(shelter.grant, k, 'residents_end', sex, ageBand, origin), 1)
            add(form, cellVar(shelter.grant, k, 'admissions', sex, ageBand, origin), -1)
            for (const e of exitMeasures)
              add(form, cellVar(shelter.grant, k, e, sex, ageBand, origin), 1)
            if (k > 0)
              add(form, cellVar(shelter.grant, k - 1, 'residents_end', sex, ageBand, origin), -1)
          }
          if (k === 0) add(form, `${shelter.grant}_opening_${sex}_${origin}`, -1)
          constraints.push({ form, lb: 0, ub: 0 })
        }
      }
    }
  }

  // Roll-ups: per lead grant and year, and national per year, each measure.
  const measuresRolled = [...personMeasures, 'referrals']
  for (const year of years) {
    for (const measure of measuresRolled) {
      const national: { value: number; hidden: boolean; form: Form }[] = []
      for (const lead of ['L1', 'L2']) {
        const contributors = rollups.get(`${lead}|${year}|${measure}`) ?? []
        national.push(...contributors)
        const form: Form = new Map()
        for (const c of contributors) for (const [n, coef] of c.form) add(form, n, coef)
        const shown = rollup(contributors)
        read(
          `${lead} ${year} ${measure}`,
          form,
          shown,
          isHidden(shown) && shown.mark === primaryMark ? [1, 4] : null
        )
      }
      const form: Form = new Map()
      for (const c of national) for (const [n, coef] of c.form) add(form, n, coef)
      const shown = rollup(national)
      read(
        `national ${year} ${measure}`,
        form,
        shown,
        isHidden(shown) && shown.mark === primaryMark ? [1, 4] : null
      )
    }
  }

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
  for (const target of targets) {
    const key = [...target.form]
      .sort()
      .map(([n, c]) => `${n}*${c}`)
      .join('+')
    if (seen.has(key)) continue
    seen.add(key)
    const root = find([...target.form.keys()][0])
    const names = [...varsOf.get(root)!]
    const solve = (direction: number) => {
      const result = glpk.solve(
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
    const min = solve(glpk.GLP_MIN)
    const max = solve(glpk.GLP_MAX)
    checked++
    assert.isAtMost(min, target.truth, target.label)
    assert.isAtLeast(max, target.truth, target.label)
    if (min === max) determined.push(`${target.label} = ${min}`)
  }

  return { published, hidden: targets.length, checked, determined }
}

/** The naive control: only counts of 1–4 hidden, every other entry and roll-up shown. */
const primaryOnly: Disclose = (series) =>
  discloseSeries(series, { insider: true }).map((view) => {
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
const rollupShown: Rollup = (contributors) => ({
  value: contributors.reduce((sum, c) => sum + c.value, 0),
})

test.group('Disclosure | attack by integer linear programming', () => {
  test('no hidden entry is determined by everything one outsider sees', async ({ assert }) => {
    const result = await attack(
      assert,
      generate(20261203),
      (series) => discloseSeries(series, { insider: false }),
      discloseRollup
    )
    const share = Math.round((100 * result.hidden) / result.published)
    console.log(
      `  disclosure attack: ${result.published} published entries, ${result.hidden} hidden (${share} %), ` +
        `${result.checked} distinct hidden entries attacked, ${result.determined.length} determined`
    )
    assert.deepEqual(result.determined, [])
    assert.isAbove(result.checked, 100)
  }).timeout(60_000)

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
    const naive = await attack(assert, shelters, primaryOnly, rollupShown)
    assert.include(naive.determined, 'L1S0 p1 exits_reintegrated bySexAndAgeBand total = 3')
    const safe = await attack(
      assert,
      shelters,
      (series) => discloseSeries(series, { insider: false }),
      discloseRollup
    )
    assert.deepEqual(safe.determined, [])
  }).timeout(60_000)
})
