import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrainingLogs } from '../../../experiments/reproduce/training-logs.ts';

test('training logs are read from models/<agent>/*.jsonl and labelled by the model folder (DQN variants stay separate)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-logs-'));
  try {
    mkdirSync(join(dir, 'dqn'));
    writeFileSync(join(dir, 'dqn', 'training.jsonl'), '{"episode":0,"reward":-5,"loss":null}\n{"episode":1,"reward":-3}\n');
    writeFileSync(join(dir, 'ppo.jsonl'), '{"agent":"ppo","episode":0,"reward":1}\n');
    // A DQN variant's log says agent "dqn"; its folder name keeps it a separate curve.
    mkdirSync(join(dir, 'dqn-weak-sla'));
    writeFileSync(join(dir, 'dqn-weak-sla', 'train-log.jsonl'), '{"agent":"dqn","episode":0,"reward":-7}\n');
    const logs = readTrainingLogs(dir).sort((a, b) => a.agent.localeCompare(b.agent) || a.episode - b.episode);
    assert.equal(logs, [
      { agent: 'dqn', episode: 0, reward: -5 },
      { agent: 'dqn', episode: 1, reward: -3 },
      { agent: 'dqn-weak-sla', episode: 0, reward: -7 },
      { agent: 'ppo', episode: 0, reward: 1 },
    ]);
    assert.equal(readTrainingLogs(join(dir, 'missing')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
