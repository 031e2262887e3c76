import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { holmAdjust } from '../../../reports/stats/holm.ts';

test('Holm adjustment by hand: sorted p × (m − rank), made monotone, capped at 1, input order kept', () => {
  // 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max-so-far 0.06 (R: p.adjust(p, "holm")).
  const r = holmAdjust([0.01, 0.04, 0.03, 0.005]);
  [0.03, 0.06, 0.06, 0.02].forEach((e, i) => assert.ok(Math.abs(r[i] - e) < 1e-15, `${i}: ${r[i]}`));
  assert.equal(holmAdjust([0.5, 0.6]), [1, 1]);
});

test('a NaN p-value (no test possible) stays NaN and does not count in the family', () => {
  const r = holmAdjust([0.02, NaN, 0.01]);
  assert.ok(Number.isNaN(r[1]));
  assert.ok(Math.abs(r[0] - 0.02) < 1e-15 && Math.abs(r[2] - 0.02) < 1e-15);
});
