import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { summarizeWorkload, THESIS_SCENARIO_DEFAULTS, THESIS_SCENARIO_NAMES, thesisScenario } from '../../workloads/index.ts';

const close = (a: number, b: number, msg = `${a} != ${b}`) => assert.ok(Math.abs(a - b) < 1e-6, msg);

test('the six thesis scenario names are available in the thesis order', () => {
  assert.equal([...THESIS_SCENARIO_NAMES], ['steady', 'gradual-ramp', 'sudden-spike', 'daily-pattern', 'idle-periods', 'flash-crowd']);
  assert.equal(THESIS_SCENARIO_DEFAULTS, { baseRps: 100, peakRps: 400, durationSeconds: 3600 });
});

test('every scenario stays within [0, peakRps] and all but steady reach the peak', () => {
  for (const name of THESIS_SCENARIO_NAMES) {
    const w = thesisScenario(name);
    assert.is(w.name, name);
    assert.is(w.durationSeconds, 3600);
    const s = summarizeWorkload(w, 1);
    assert.ok(s.peak <= 400 + 1e-9, `${name} peak ${s.peak}`);
    if (name === 'steady') close(s.peak, 250);
    else assert.ok(s.peak > 399, `${name} reaches ${s.peak}`);
  }
});

test('each scenario has the documented shape (D = 3600 s, B = 100, P = 400)', () => {
  const at = (name: string, t: number) => thesisScenario(name).rateAt(t);
  close(at('gradual-ramp', 360), 100);
  close(at('gradual-ramp', 1620), 250);
  close(at('gradual-ramp', 2880), 400);
  close(at('sudden-spike', 1439), 100);
  close(at('sudden-spike', 1440), 400);
  close(at('sudden-spike', 1800), 100);
  close(at('daily-pattern', 0), 100);
  close(at('daily-pattern', 1800), 400);
  close(at('idle-periods', 0), 10);
  close(at('idle-periods', 600), 400);
  close(at('idle-periods', 900), 10);
  close(at('idle-periods', 1800), 400);
  close(at('flash-crowd', 1080), 100);
  close(at('flash-crowd', 1140), 400);
  close(at('flash-crowd', 1440), 100 + 300 / Math.E);
});

test('scenario options rescale the shape, and thesis spellings are accepted', () => {
  const w = thesisScenario('Sudden spike', { baseRps: 10, peakRps: 50, durationSeconds: 600 });
  close(w.rateAt(0), 10);
  close(w.rateAt(250), 50);
  assert.is(thesisScenario('daily_pattern').name, 'daily-pattern');
});

test('unknown names and a peak below the base are refused with the allowed values', () => {
  assert.throws(() => thesisScenario('tsunami'), /name: got "tsunami", expected one of steady, gradual-ramp/);
  assert.throws(() => thesisScenario('steady', { baseRps: 100, peakRps: 50 }), /peakRps: got 50, expected a number ≥ 100/);
});
