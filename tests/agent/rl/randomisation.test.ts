// Domain randomisation and trace windows of training episodes (issue 8 item 2).
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { randomisePlant } from '../../../agent/rl/env.ts';
import { defaultEpisodeConfig, episodeSpec } from '../../../agent/rl/episode-sampler.ts';
import { DEFAULT_TRAINING_RANDOMISATION, DEFAULT_TRAINING_TRACE } from '../../../agent/rl/train-config.ts';
import { defaultPlantConfig } from '../../../sim/config.ts';
import { validatePlantConfig } from '../../../sim/validate-plant-config.ts';

const r = DEFAULT_TRAINING_RANDOMISATION;

test('each episode draws CPU per request, service time and start-up time within ±35 % and lags within their bounds, from its seed', () => {
  const seen = { cpu: [] as number[], startup: [] as number[], lag: new Set<number>() };
  for (let seed = 1_000_000; seed < 1_000_400; seed++) {
    const p = randomisePlant(defaultPlantConfig, r, seed);
    validatePlantConfig(p); // every draw is a valid plant (CPU time at the limit ≤ service time)
    assert.equal(randomisePlant(defaultPlantConfig, r, seed), p, 'same seed, same plant');
    const cpu = p.cpuPerRequestCoreSeconds / defaultPlantConfig.cpuPerRequestCoreSeconds;
    const startup = p.startupMedianSeconds / defaultPlantConfig.startupMedianSeconds;
    assert.ok(cpu >= 0.65 - 1e-12 && cpu <= 1.35 + 1e-12, `cpu factor ${cpu}`);
    assert.ok(startup >= 0.65 - 1e-12 && startup <= 1.35 + 1e-12, `start-up factor ${startup}`);
    assert.ok(p.baseServiceTimeMs >= (1000 * p.cpuPerRequestCoreSeconds) / (p.cpuLimitMilli / 1000) - 1e-9);
    assert.ok(p.prometheusLagSeconds >= 0 && p.prometheusLagSeconds <= 14 && p.metricsLagSeconds <= 10);
    seen.cpu.push(cpu);
    seen.startup.push(startup);
    seen.lag.add(p.prometheusLagSeconds);
  }
  // The draws really spread over the range (400 uniform draws: min < 0.7, max > 1.3 with overwhelming probability).
  assert.ok(Math.min(...seen.cpu) < 0.7 && Math.max(...seen.cpu) > 1.3);
  assert.ok(Math.min(...seen.startup) < 0.7 && Math.max(...seen.startup) > 1.3);
  assert.ok(seen.lag.size >= 14);
  assert.is(randomisePlant(defaultPlantConfig, null, 5), defaultPlantConfig, 'null = the plant as given');
});

test('about 30 % of training episodes are Twitter windows that start and end inside the training minutes', () => {
  const c = { ...defaultEpisodeConfig, trace: DEFAULT_TRAINING_TRACE };
  let traces = 0;
  for (let seed = 1_000_000; seed < 1_001_000; seed++) {
    const s = episodeSpec(seed, c) as { type: string; startSeconds?: number; durationSeconds?: number };
    if (s.type !== 'trace') continue;
    traces++;
    assert.ok(s.startSeconds! >= 12_000 * 60 && s.startSeconds! + s.durationSeconds! <= 22_000 * 60, `window at ${s.startSeconds}`);
  }
  assert.ok(traces > 250 && traces < 350, `${traces} of 1,000`);
  // Without a trace config the episodes are the scenario episodes they always were.
  assert.equal(episodeSpec(1_000_123, defaultEpisodeConfig), episodeSpec(1_000_123, { ...defaultEpisodeConfig, trace: null }));
});
