// Checks what the pods of a sweep handed back before a single record reaches the runner: every shard present and
// intact, every cell exactly once and in its own shard, and each record of the configuration (hash) and code
// version this run asked for. Anything else fails the sweep naming the shard or the cell.
import type { Cell } from '../cells.ts';
import { validateRunRecord } from '../validate-run-record.ts';
import { readShardResults } from './shard-results.ts';

/** Use after the Job: the checked record lines in cell order, or an Error naming every problem. */
export function checkShardLines(items: readonly object[], cells: readonly Cell[], parallelism: number, jobError?: unknown): { cell: Cell; line: string }[] {
  const { results, problems } = readShardResults(items, parallelism);
  const failed = [...results.values()].filter((r) => !r.ok).map((r) => `shard ${r.index}/${r.count} failed: ${(r as { error: string }).error}`);
  if (failed.length > 0) throw new Error(failed.join('\n'), { cause: jobError });
  if (jobError !== undefined) {
    const why = jobError instanceof Error ? jobError.message : String(jobError);
    throw new Error(problems.length > 0 ? `${why}\n${problems.join('\n')}` : why, { cause: jobError });
  }
  if (problems.length > 0) throw new Error(`the sweep's results are incomplete:\n${problems.join('\n')}`);
  const byIndex = new Map(cells.map((c) => [c.index, c]));
  const seen = new Map<number, string>();
  const errors: string[] = [];
  for (const result of results.values()) {
    if (!result.ok) continue;
    for (const { cell: index, line } of result.lines) {
      const cell = byIndex.get(index);
      const at = `shard ${result.index}/${result.count}`;
      if (!cell) { errors.push(`${at}: returned cell index ${index}, which this run did not ask for`); continue; }
      if (index % parallelism !== result.index) errors.push(`${at}: returned cell ${cell.key}, which belongs to shard ${index % parallelism}`);
      if (seen.has(index)) { errors.push(`${at}: cell ${cell.key} returned twice`); continue; }
      let record;
      try {
        record = validateRunRecord(JSON.parse(line));
      } catch (err) {
        errors.push(`${at}: cell ${cell.key}: ${(err as Error).message}`);
        continue;
      }
      const config = record.config as { hash?: unknown; codeVersion?: unknown };
      const key = `${record.scenario}/${record.autoscaler}/${record.seed}`;
      if (key !== cell.key || record.experiment !== cell.experiment) errors.push(`${at}: cell ${cell.key} came back as ${record.experiment}:${key}`);
      else if (config.hash !== cell.config.hash) errors.push(`${at}: cell ${cell.key} was run with another configuration (hash ${String(config.hash)}, expected ${cell.config.hash})`);
      else if (config.codeVersion !== cell.config.codeVersion) errors.push(`${at}: cell ${cell.key} was run by code ${String(config.codeVersion)}, expected ${cell.config.codeVersion}`);
      seen.set(index, line);
    }
  }
  const missing = cells.filter((c) => !seen.has(c.index)).map((c) => c.key);
  if (missing.length > 0) errors.push(`${missing.length} cell(s) missing from the results: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  if (errors.length > 0) throw new Error(`the sweep's results are refused:\n${errors.join('\n')}`);
  return cells.map((cell) => ({ cell, line: seen.get(cell.index)! }));
}
