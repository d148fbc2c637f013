/**
 * The reproducible sample of a financial spot check (ADR 0031): the
 * `largest` admitted expense lines by admitted amount, then `random` more
 * drawn from the rest with a seeded generator. The same lines and the same
 * seed always give the same sample, so anyone can redraw it.
 */
export interface SampleCandidate {
  id: number
  admittedCents: number
}

export interface SampledLine {
  id: number
  selection: 'largest' | 'random'
}

/** mulberry32: a small, well-known 32-bit generator; enough for sampling, not for secrets. */
export function seededRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function drawSample(
  candidates: readonly SampleCandidate[],
  seed: number,
  sizes: { largest: number; random: number }
): SampledLine[] {
  const eligible = candidates.filter((line) => line.admittedCents > 0)
  const byValue = [...eligible].sort((a, b) => b.admittedCents - a.admittedCents || a.id - b.id)
  const largest = byValue.slice(0, sizes.largest)
  const rest = byValue
    .slice(sizes.largest)
    .map((line) => line.id)
    .sort((a, b) => a - b)
  const next = seededRandom(seed)
  const picked: number[] = []
  for (let i = 0; i < Math.min(sizes.random, rest.length); i++) {
    const j = i + Math.floor(next() * (rest.length - i))
    ;[rest[i], rest[j]] = [rest[j], rest[i]]
    picked.push(rest[i])
  }
  return [
    ...largest.map((line) => ({ id: line.id, selection: 'largest' as const })),
    ...picked.map((id) => ({ id, selection: 'random' as const })),
  ]
}
