// ts-fsrs's scheduler with its hot spots made cheap and its answers unchanged: what every card's replay and readiness run through.
// Alea is Johannes Baagøe's generator (MIT licence); the steps below follow it as ts-fsrs (MIT licence,
// Copyright (c) Open Spaced Repetition) ships it, so that each fuzz draw is bit-for-bit ts-fsrs's own.
import { computeDecayFactor, FSRS, get_fuzz_range, roundTo, type FSRSParameters, type int } from 'ts-fsrs';

/** Alea's 2^-32, written as ts-fsrs writes it. */
const TWO_POW_MINUS_32 = 23283064365386963e-26;

/**
 * One step of Alea's Mash over `data`, from hash state `n`: the new state. ts-fsrs keeps that state
 * in a closure, where every update of a double allocates; here it is a local number.
 */
function mash(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 4294967296;
  }
  return n;
}

/** Alea's state after its three mashes of a space, the same for every seed: s0 is all its first number needs. */
const SEEDLESS = (() => {
  let n = mash(4022871197, ' ');
  const s0 = (n >>> 0) * TWO_POW_MINUS_32;
  n = mash(n, ' ');
  n = mash(n, ' ');
  return { n, s0 };
})();

/**
 * The first number Alea(seed) draws, which is all ts-fsrs's fuzz takes from it. Alea mashes the
 * seed three times and draws from s0, and s0 depends only on the first mash: one pass over the
 * seed instead of ts-fsrs's six passes and eighteen allocating closures (per interval, three of
 * them per review-state answer).
 */
export function aleaFirst(seed: string): number {
  let s0 = SEEDLESS.s0 - (mash(SEEDLESS.n, seed) >>> 0) * TWO_POW_MINUS_32;
  if (s0 < 0) s0 += 1;
  const t = 2091639 * s0 + 1 * TWO_POW_MINUS_32;
  return t - (t | 0);
}

/**
 * ts-fsrs's FSRS with the same answers, made cheap where a replay of a million reviews spends its
 * time: the forgetting curve's decay constants computed once (ts-fsrs recomputes them at every
 * call), parameters in a frozen plain object rather than a Proxy (read a dozen times per review),
 * and fuzz drawing its one number without allocating. The parameters cannot be changed in place
 * (assigning one throws): a change of parameters builds a new scheduler, as `schedulerFor` does.
 * tests/unit/scheduling/quick-fsrs.test.ts holds it equal to ts-fsrs's own on random inputs.
 */
export class QuickFsrs extends FSRS {
  constructor(params: Partial<FSRSParameters>) {
    super(params);
    const param = this.param;
    this.param = Object.freeze({ ...param, w: Object.freeze(Array.from(param.w)) }) as FSRSParameters;
    const { decay, factor } = computeDecayFactor(this.param.w);
    this.forgetting_curve = (elapsedDays: number, stability: number) => roundTo(Math.pow(1 + (factor * elapsedDays) / stability, decay), 8);
  }

  override apply_fuzz(ivl: number, elapsedDays: number): int {
    const seed = this._seed;
    if (!this.param.enable_fuzz || ivl < 2.5 || typeof seed !== 'string') return super.apply_fuzz(ivl, elapsedDays);
    const { min_ivl, max_ivl } = get_fuzz_range(ivl, elapsedDays, this.param.maximum_interval);
    return Math.floor(aleaFirst(seed) * (max_ivl - min_ivl + 1) + min_ivl) as int;
  }
}
