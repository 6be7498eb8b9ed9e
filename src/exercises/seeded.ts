// Draws that a seed decides (mulberry32), so a challenge or an incident can be replayed by a test, a recording
// or a workshop that hands every learner the same seed.

/** The next number in [0, 1) each call, the same sequence for the same seed. */
export function seededDraws(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed a challenge uses: the argument, else LAB_CHALLENGE_SEED, else a random one. */
export function chosenSeed(seed?: number): number {
  if (seed !== undefined) return seed;
  const fromEnv = Number.parseInt(process.env.LAB_CHALLENGE_SEED ?? '', 10);
  return Number.isNaN(fromEnv) ? Math.floor(Math.random() * 2 ** 31) : fromEnv;
}
