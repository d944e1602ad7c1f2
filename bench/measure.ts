// What the benchmarks report: medians, from rounds that interleave the variants, so the machine's noise hits them
// alike. The first round warms caches (the commitlint config cache, git's object cache) and is not counted.

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs each of `variants` once a round, a warm-up round and then `rounds` more; the median ms of each, by name. */
export async function interleaved(
  rounds: number,
  variants: readonly (readonly [string, () => unknown])[],
): Promise<Map<string, number>> {
  const times = new Map(variants.map(([name]) => [name, [] as number[]]));
  for (let round = 0; round <= rounds; round++)
    for (const [name, run] of variants) {
      const start = performance.now();
      await run();
      if (round > 0) times.get(name)!.push(performance.now() - start);
    }
  return new Map([...times].map(([name, xs]) => [name, median(xs)]));
}
