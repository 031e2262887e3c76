// Probability of improvement (rliable): P(X better than Y) for a random run of each, ties counting ½;
// equals the Mann–Whitney U of X over Y divided by n·m.

/** P(a random value of `x` beats a random value of `y`); `lowerIsBetter` for latency, cost, violations. */
export function probabilityOfImprovement(x: readonly number[], y: readonly number[], lowerIsBetter = false): number {
  if (x.length === 0 || y.length === 0) throw new RangeError('probabilityOfImprovement needs values in both groups');
  for (const [name, v] of [["x", x], ["y", y]] as const) {
    const i = v.findIndex((z) => !Number.isFinite(z));
    if (i >= 0) throw new RangeError(`probabilityOfImprovement: ${name}[${i}] is ${v[i]}, expected a finite number`);
  }
  for (const [name, v] of [['x', x], ['y', y]] as const) {
    const i = v.findIndex((z) => !Number.isFinite(z));
    if (i >= 0) throw new RangeError(`probabilityOfImprovement: ${name}[${i}] is ${v[i]}, expected a finite number`);
  }
  let wins = 0;
  for (const a of x) {
    for (const b of y) {
      if (a === b) wins += 0.5;
      else if (lowerIsBetter ? a < b : a > b) wins += 1;
    }
  }
  return wins / (x.length * y.length);
}
