import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { judgeClaim, sameDirection, type Better } from '../../../reports/tables/verdict.ts';

const cases: { name: string; claimed: number; ci: [number, number]; better: Better | null; tolerance?: number; expected: string }[] = [
  { name: 'a CI containing the claim reproduces it', claimed: 180, ci: [170, 190], better: 'lower', expected: 'reproduced' },
  { name: 'a CI entirely below a lower-is-better claim exceeds it', claimed: 180, ci: [120, 150], better: 'lower', expected: 'exceeded' },
  { name: 'a CI entirely above a lower-is-better claim does not reproduce it', claimed: 180, ci: [200, 220], better: 'lower', expected: 'not reproduced' },
  { name: 'a CI entirely above a higher-is-better claim exceeds it', claimed: 87, ci: [90, 92], better: 'higher', expected: 'exceeded' },
  { name: 'a CI below a higher-is-better claim does not reproduce it', claimed: 87, ci: [60, 70], better: 'higher', expected: 'not reproduced' },
  { name: 'the CI bounds count as containing', claimed: 10, ci: [10, 12], better: 'higher', expected: 'reproduced' },
  { name: 'a CI within the tolerance of the claim reproduces it (−29.6 vs −30 ± 0.5)', claimed: -30, ci: [-29.7, -29.5], better: 'lower', tolerance: 0.5, expected: 'reproduced' },
  { name: 'just outside the tolerance on the better side is exceeded', claimed: -30, ci: [-31, -30.6], better: 'lower', tolerance: 0.5, expected: 'exceeded' },
  { name: 'with no better side a CI far below the claim is not reproduced', claimed: 65, ci: [80, 81], better: null, expected: 'not reproduced' },
  { name: 'with no better side a CI far better than the claim is still only "not reproduced"', claimed: 98, ci: [19, 21], better: null, expected: 'not reproduced' },
];
for (const c of cases) {
  test(c.name, () => assert.is(judgeClaim(c.claimed, { low: c.ci[0], high: c.ci[1] }, c.better, c.tolerance), c.expected));
}

test('a negative or NaN tolerance is refused', () => {
  assert.throws(() => judgeClaim(1, { low: 0, high: 2 }, 'lower', -1), /tolerance is -1/);
  assert.throws(() => judgeClaim(1, { low: 0, high: 2 }, 'lower', NaN), /tolerance is NaN/);
});

test('sameDirection: a −30 % claim and a CI of [−25, −5] % agree in sign; [−5, +3] % does not', () => {
  assert.ok(sameDirection(-30, { low: -25, high: -5 }));
  assert.not.ok(sameDirection(-30, { low: -5, high: 3 }));
});
