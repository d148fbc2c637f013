/**
 * The exact audit behind the least suppression (DOMAIN-RULES §9, ADR 0015).
 *
 * Everything an outsider sees is a set of linear facts about integer
 * counts: a shown entry fixes a sum of counts, "<5" bounds it to 0–4, "x"
 * to 5 or more, and fixed relations (the stock-flow identity, the fact
 * that a protected series holds a count from 1 to 4, bed-days implying
 * someone stayed) link them. A hidden entry is *protected* when at least
 * two integer solutions give it different values.
 *
 * The audit proves protection with **witnesses**: integer solutions of the
 * published facts (found with GLPK, `glpk.js`). A hidden entry is
 * protected when some witness gives it a value other than its true one,
 * and *determined* when the integer programme's minimum and maximum both
 * equal the true value. Witnesses are kept while they satisfy the facts,
 * so that unhiding entries one at a time (`tryShow`) costs few solves.
 */
import GLPK from 'glpk.js/node'

/** A linear form: pairs of (variable index, coefficient). */
export type Form = readonly (readonly [number, number])[]

/** Lower and upper bound of a fact. */
export interface Constraint {
  form: Form
  lb: number
  ub: number
}

/**
 * How an entry is published: shown (its value, or only a range when a
 * roll-up of 1–4 reads "<5"), hidden as "<5" (0–4), hidden as "x" (5 or
 * more) or withheld (a roll-up shown as "x": no fact).
 */
export type EntryState = 'shown' | 'small' | 'large' | 'withheld'

export interface AuditEntry {
  form: Form
  truth: number
  state: EntryState
  /** For a shown entry read as a range ("<5" of a roll-up). */
  shownRange?: readonly [number, number]
  /** Entries of one protected group: the "<5" among them add up to 1 or more. */
  group?: number
  /**
   * A roll-up that must keep two values when withheld or shown as a range
   * ("<5"): a breakdown of an indicator, and the roll-ups shown beside it.
   */
  protect?: boolean
}

/** A large upper bound on every count (keeps each programme bounded). */
export const upperBound = 1_000_000

type Glpk = Awaited<ReturnType<typeof GLPK>>
let glpkInstance: Promise<Glpk> | null = null
/** The GLPK instance (WebAssembly, loaded once). */
export function glpk() {
  glpkInstance ??= GLPK()
  return glpkInstance
}

/** Raised when the audit runs out of its budget of solves. */
export class AuditBudgetExceeded extends Error {}

export function evaluate(form: Form, point: ArrayLike<number>) {
  let total = 0
  for (const [index, coef] of form) total += coef * point[index]
  return total
}

/** The range an entry is known to lie in; `minimum` is the publication minimum ("<5" = 0–4). */
function rangeOf(entry: AuditEntry, minimum: number): [number, number] | null {
  switch (entry.state) {
    case 'shown':
      return entry.shownRange
        ? [entry.shownRange[0], entry.shownRange[1]]
        : [entry.truth, entry.truth]
    case 'small':
      return [0, minimum - 1]
    case 'large':
      return [minimum, upperBound]
    case 'withheld':
      return null
  }
}

/** Whether a hidden entry must keep two values ("<5" and "x"; a withheld roll-up need not). */
function mustProtect(entry: AuditEntry) {
  if (entry.state === 'small' || entry.state === 'large') return true
  return (
    entry.protect === true &&
    (entry.state === 'withheld' || (entry.state === 'shown' && entry.shownRange !== undefined))
  )
}

export class DisclosureAudit {
  #witnesses: Float64Array[] = []
  #solves = 0

  constructor(
    private solver: Glpk,
    private variableCount: number,
    private truth: readonly number[],
    private fixed: readonly Constraint[],
    readonly entries: AuditEntry[],
    private maxSolves = Number.POSITIVE_INFINITY,
    /** The publication minimum: "<m" reads 0 to m − 1, "x" m or more. */
    private minimum = 5
  ) {
    if (truth.length !== variableCount) throw new RangeError('One true value per variable')
    this.#witnesses.push(Float64Array.from(truth))
  }

  get solves() {
    return this.#solves
  }

  /** The integer solutions found so far (the true values first). */
  get witnesses(): readonly Float64Array[] {
    return this.#witnesses
  }

  /** Adds a known solution (e.g. of a part of the model, found before). */
  addWitness(point: Float64Array) {
    if (point.length !== this.variableCount) throw new RangeError('One value per variable')
    this.#witnesses.push(point)
  }

  /** Every fact the published entries and the fixed relations give. */
  constraints(): Constraint[] {
    const list: Constraint[] = [...this.fixed]
    const groups = new Map<number, Map<number, number>>()
    for (const entry of this.entries) {
      const range = rangeOf(entry, this.minimum)
      if (range) list.push({ form: entry.form, lb: range[0], ub: range[1] })
      if (entry.state === 'small' && entry.group !== undefined) {
        const sum = groups.get(entry.group) ?? new Map<number, number>()
        for (const [index, coef] of entry.form) sum.set(index, (sum.get(index) ?? 0) + coef)
        groups.set(entry.group, sum)
      }
    }
    for (const sum of groups.values()) {
      list.push({ form: [...sum], lb: 1, ub: upperBound * this.variableCount })
    }
    return list
  }

  #satisfies(point: ArrayLike<number>, constraints: readonly Constraint[]) {
    return constraints.every((c) => {
      const value = evaluate(c.form, point)
      return value >= c.lb - 1e-6 && value <= c.ub + 1e-6
    })
  }

  /**
   * Whether every "<5" and "x" entry keeps two values: null when so, else
   * the index of a determined entry.
   */
  async determined(): Promise<number | null> {
    const constraints = this.constraints()
    this.#witnesses = this.#witnesses.filter((w) => this.#satisfies(w, constraints))
    const uncovered = () =>
      this.entries
        .map((entry, index) => ({ entry, index }))
        .filter(
          ({ entry }) =>
            mustProtect(entry) &&
            !this.#witnesses.some((w) => Math.abs(evaluate(entry.form, w) - entry.truth) > 0.5)
        )
    let open = uncovered()
    if (open.length === 0) return null
    const components = new Components(this.variableCount, constraints)

    // Batches first: one solve may move many entries at once.
    for (const direction of [1, -1]) {
      const byComponent = new Map<number, typeof open>()
      for (const item of open) {
        const root = components.of(item.entry.form)
        byComponent.set(root, [...(byComponent.get(root) ?? []), item])
      }
      for (const [root, items] of byComponent) {
        if (items.length < 2) continue
        const objective = new Map<number, number>()
        for (const { entry } of items) {
          for (const [index, coef] of entry.form) {
            objective.set(index, (objective.get(index) ?? 0) + direction * coef)
          }
        }
        await this.#solve([...objective], root, components, constraints)
      }
      open = uncovered()
      if (open.length === 0) return null
    }
    // Then one entry at a time.
    for (const { entry, index } of open) {
      if (this.#witnesses.some((w) => Math.abs(evaluate(entry.form, w) - entry.truth) > 0.5)) {
        continue
      }
      const root = components.of(entry.form)
      const high = await this.#solve(entry.form, root, components, constraints)
      if (high !== null && high > entry.truth + 0.5) continue
      const negated = entry.form.map(([i, coef]) => [i, -coef] as const)
      const low = await this.#solve(negated, root, components, constraints)
      if (low !== null && -low < entry.truth - 0.5) continue
      return index
    }
    return null
  }

  /**
   * Shows the entry (or sets it to `state`) when every other hidden entry
   * stays protected; otherwise leaves it as it was. Whether it was changed.
   */
  async tryShow(index: number, state: EntryState = 'shown'): Promise<boolean> {
    const entry = this.entries[index]
    const before = entry.state
    entry.state = state
    const kept = this.#witnesses
    try {
      if ((await this.determined()) === null) return true
    } catch (error) {
      entry.state = before
      this.#witnesses = kept
      throw error
    }
    entry.state = before
    // Witnesses found under more facts hold under fewer.
    this.#witnesses = [...kept, ...this.#witnesses.filter((w) => !kept.includes(w))]
    return false
  }

  /** Maximises the form over the integer solutions of one component; adds the witness. */
  async #solve(
    objective: Form,
    root: number,
    components: Components,
    constraints: readonly Constraint[]
  ): Promise<number | null> {
    if (this.#solves >= this.maxSolves) throw new AuditBudgetExceeded()
    this.#solves++
    const variables = components.members(root)
    const name = (index: number) => `v${index}`
    const result = await this.solver.solve(
      {
        name: 'audit',
        objective: {
          direction: this.solver.GLP_MAX,
          name: 'objective',
          vars: objective.map(([index, coef]) => ({ name: name(index), coef })),
        },
        subjectTo: constraints
          .filter((c) => c.form.length > 0 && components.find(c.form[0][0]) === root)
          .map((c, i) => ({
            name: `c${i}`,
            vars: c.form.map(([index, coef]) => ({ name: name(index), coef })),
            bnds:
              c.lb === c.ub
                ? { type: this.solver.GLP_FX, lb: c.lb, ub: c.ub }
                : { type: this.solver.GLP_DB, lb: c.lb, ub: c.ub },
          })),
        bounds: variables.map((index) => ({
          name: name(index),
          type: this.solver.GLP_DB,
          lb: 0,
          ub: upperBound,
        })),
        generals: variables.map(name),
      },
      { msglev: this.solver.GLP_MSG_OFF, presol: true }
    )
    const status = result.result.status
    if (status !== this.solver.GLP_OPT && status !== this.solver.GLP_FEAS) return null
    const witness = Float64Array.from(this.truth)
    for (const index of variables) witness[index] = Math.round(result.result.vars[name(index)] ?? 0)
    this.#witnesses.push(witness)
    if (this.#witnesses.length > 400) this.#witnesses.splice(1, this.#witnesses.length - 400)
    return evaluate(objective, witness)
  }
}

/** Connected components of the variables under a set of constraints. */
class Components {
  #parent: Int32Array
  #members = new Map<number, number[]>()

  constructor(size: number, constraints: readonly Constraint[]) {
    this.#parent = Int32Array.from({ length: size }, (_, i) => i)
    for (const c of constraints) {
      for (let i = 1; i < c.form.length; i++) this.#union(c.form[0][0], c.form[i][0])
    }
  }

  find(x: number): number {
    let root = x
    while (this.#parent[root] !== root) root = this.#parent[root]
    while (this.#parent[x] !== root) {
      const next = this.#parent[x]
      this.#parent[x] = root
      x = next
    }
    return root
  }

  #union(a: number, b: number) {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.#parent[ra] = rb
  }

  of(form: Form) {
    return this.find(form[0][0])
  }

  members(root: number) {
    let list = this.#members.get(root)
    if (!list) {
      list = []
      for (let i = 0; i < this.#parent.length; i++) if (this.find(i) === root) list.push(i)
      this.#members.set(root, list)
    }
    return list
  }
}
