import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { judgeClaim, sameDirection } from '../../../reports/tables/verdict.ts';

const cases: { name: string; claimed: number; ci: [number, number]; better: 'lower' | 'higher'; expected: string }[] = [
  { name: 'a CI containing the claim reproduces it', claimed: 180, ci: [170, 190], better: 'lower', expected: 'reproduced' },
  { name: 'a CI entirely below a lower-is-better claim beats it', claimed: 180, ci: [120, 150], better: 'lower', expected: 'reproduced' },
  { name: 'a CI entirely above a lower-is-better claim does not reproduce it', claimed: 180, ci: [200, 220], better: 'lower', expected: 'not reproduced' },
  { name: 'a CI entirely above a higher-is-better claim beats it', claimed: 87, ci: [90, 92], better: 'higher', expected: 'reproduced' },
  { name: 'a CI below a higher-is-better claim does not reproduce it', claimed: 87, ci: [60, 70], better: 'higher', expected: 'not reproduced' },
  { name: 'the CI bounds count as containing', claimed: 10, ci: [10, 12], better: 'higher', expected: 'reproduced' },
];
for (const c of cases) {
  test(c.name, () => assert.is(judgeClaim(c.claimed, { low: c.ci[0], high: c.ci[1] }, c.better), c.expected));
}

test('sameDirection: a −30 % claim and a CI of [−25, −5] % agree in sign; [−5, +3] % does not', () => {
  assert.ok(sameDirection(-30, { low: -25, high: -5 }));
  assert.not.ok(sameDirection(-30, { low: -5, high: 3 }));
});
