// RL training logs for the report's learning curves: found on disk, parsed, labelled by model folder.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EpisodeLog } from '../../reports/index.ts';
import { jsonLines } from '../../lib/json-lines.ts';
import { MAX_FILE_BYTES, readInputFile } from '../input-file.ts';

/**
 * RL training logs: every *.jsonl under `dir` whose lines look like { agent?, episode, reward } (records files are
 * skipped). A log inside a model folder (`dir/<name>/…`) is labelled <name>: three DQN variants (dqn, dqn-weak-sla,
 * dqn-balanced) all write `agent: "dqn"` and must not merge into one curve. Logs directly in `dir` use `agent`.
 */
export function readTrainingLogs(dir: string): EpisodeLog[] {
  if (!existsSync(dir)) return [];
  const logs: EpisodeLog[] = [];
  const walk = (d: string, top: string | null): void => {
    for (const entry of readdirSync(d)) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full, top ?? entry);
      else if (entry.endsWith('.jsonl')) {
        for (const line of jsonLines(readInputFile(full, 'training log', MAX_FILE_BYTES.trainingLog))) {
          if (!line.ok) break; // not a training log
          const v = line.value as Partial<EpisodeLog>;
          const agent = top ?? (typeof v.agent === 'string' ? v.agent : basename(d));
          if (typeof v.episode === 'number' && typeof v.reward === 'number') logs.push({ agent, episode: v.episode, reward: v.reward });
        }
      }
    }
  };
  walk(dir, null);
  return logs;
}
