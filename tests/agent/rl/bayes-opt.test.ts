import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createBayesOpt, expectedImprovement, fitGaussianProcess, matern52, normalCdf } from '../../../agent/rl/bayes-opt.ts';

const close = (a: number, b: number, tol: number) => Math.abs(a - b) < tol;

test('the Matérn 5/2 kernel is 1 at distance 0 and (1 + √5 + 5/3)·e^−√5 = 0.5239941 at one length scale', () => {
  assert.is(matern52(0, 0.3), 1);
  assert.ok(close(matern52(0.3, 0.3), 0.5239941, 1e-6));
});

test('the normal CDF matches tables: Φ(0) = 0.5, Φ(1.96) = 0.9750021, Φ(−1) = 0.1586553', () => {
  assert.ok(close(normalCdf(0), 0.5, 1e-7) && close(normalCdf(1.96), 0.9750021, 3e-7) && close(normalCdf(-1), 0.1586553, 3e-7));
});

test('expected improvement matches hand values (μ = 1, σ = 2, best 0.5 → 1.072689) and is the plain gain when σ = 0', () => {
  // z = 0.25, Φ(0.25) = 0.5987063, φ(0.25) = 0.3866681: 0.5·0.5987063 + 2·0.3866681 = 1.0726894
  assert.ok(close(expectedImprovement(1, 2, 0.5), 1.0726894, 1e-6));
  assert.is(expectedImprovement(1, 0, 0.5), 0.5);
  assert.is(expectedImprovement(0, 0, 0.5), 0);
});

test('the GP interpolates its observations and is uncertain far from them', () => {
  const gp = fitGaussianProcess([[0.1], [0.5], [0.9]], [1, 3, 2]);
  assert.ok(close(gp.predict([0.5]).mean, 3, 1e-3) && gp.predict([0.5]).sd < 0.01);
  assert.ok(gp.predict([0.3]).sd > gp.predict([0.5]).sd);
});

test('BO finds the maximum of −(x − 0.3)² on [0, 1] within 0.03 in 12 trials', () => {
  const bo = createBayesOpt({ bounds: [[0, 1]], seed: 1 });
  for (let i = 0; i < 12; i++) {
    const x = bo.suggest();
    bo.observe(x, -((x[0] - 0.3) ** 2));
  }
  assert.ok(close(bo.best()!.x[0], 0.3, 0.03), `best ${bo.best()!.x}`);
});

test('BO finds the maximum of a 2-D bowl at (7, −2) on [0, 10] × [−5, 5] within 0.5 in 25 trials', () => {
  const bo = createBayesOpt({ bounds: [[0, 10], [-5, 5]], seed: 2 });
  for (let i = 0; i < 25; i++) {
    const [x, y] = bo.suggest();
    bo.observe([x, y], -((x - 7) ** 2 + (y + 2) ** 2));
  }
  const [x, y] = bo.best()!.x;
  assert.ok(Math.hypot(x - 7, y + 2) < 0.5, `best (${x}, ${y})`);
});
