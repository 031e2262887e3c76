import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { normalCdf, normalQuantile, normalSf, studentTCdf, studentTTwoSidedP, regularizedBeta } from '../../../reports/stats/special-functions.ts';

const close = (actual: number, expected: number, rel = 1e-9, label = ''): void =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected) + 1e-15, `${label} ${actual} vs ${expected}`);

test('the normal quantile matches the published 97.5 % point 1.959963984540054 and the far tail', () => {
  // Values: scipy.stats.norm.ppf (SciPy 1.17.1) — the textbook 1.95996 and Φ⁻¹(1e-10) = −6.361340902404056.
  close(normalQuantile(0.975), 1.959963984540054, 1e-12);
  close(normalQuantile(1e-10), -6.361340902404056, 1e-12);
  close(normalQuantile(0.5), 0, 1e-12);
});

test('the normal CDF and survival function are accurate in the body and far tail', () => {
  // scipy.stats.norm.cdf(-1.2345) = 0.10850832336267019; norm.sf(8) = 6.22096057427174e-16.
  close(normalCdf(-1.2345), 0.10850832336267019, 1e-12);
  close(normalSf(8), 6.22096057427174e-16, 1e-9);
  close(normalCdf(0), 0.5, 1e-15);
});

test("Student's t CDF matches the published critical values and SciPy", () => {
  // t table: two-sided 5 % critical value for df = 10 is 2.228138851986 (so p = 0.05).
  close(studentTTwoSidedP(2.228138851986, 10), 0.05, 1e-9, 'df=10');
  // scipy.stats.t.cdf(2.0, 5) = 0.9490302605850708; t.cdf(-1.5, 2.5) = 0.12391822654314809; t.sf(10, 3) = 0.0010641995292070751.
  close(studentTCdf(2.0, 5), 0.9490302605850708, 1e-12);
  close(studentTCdf(-1.5, 2.5), 0.12391822654314809, 1e-12);
  close(1 - studentTCdf(10, 3), 0.0010641995292070751, 1e-9);
});

test('the regularized incomplete beta has the closed forms I_x(1,1) = x and I_x(a,1) = x^a', () => {
  close(regularizedBeta(0.3, 1, 1), 0.3, 1e-13);
  close(regularizedBeta(0.6, 3, 1), 0.216, 1e-13);
  close(regularizedBeta(0.2, 1, 2), 1 - 0.8 ** 2, 1e-13);
});
