// Memory of `scalelab k6 summarize` on an hour of k6 --out json (360,000 requests, ~1.1 GB): peak RSS of a child
// process summarising it, minus the peak of the same child on a 1-request file (Node, tsx and the modules), per
// million requests. Bounded memory means this figure falls as the file grows.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeHourOfLoad } from '../tests/k6/helpers/write-hour-of-load.ts';

const CHILD = `import { summarizeK6File } from ${JSON.stringify(resolve(import.meta.dirname, '../k6/summarize-file.ts'))};
const s = await summarizeK6File(process.argv[1]);
process.stdout.write(JSON.stringify({ requests: s.requests, maxRssKiB: process.resourceUsage().maxRSS }));`;

function peakKiB(file: string): { requests: number; maxRssKiB: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`k6 summarize child failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** MB of resident memory per million requests summarised (above the 1-request baseline). */
export function benchK6Summarize(): { k6SummarizeMbPerMillionRequests: number } {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-bench-k6-'));
  try {
    const big = writeHourOfLoad(join(dir, 'hour.ndjson'));
    const tiny = writeHourOfLoad(join(dir, 'one.ndjson'), 1);
    const a = peakKiB(big.path);
    const b = peakKiB(tiny.path);
    if (a.requests !== big.requests) throw new Error(`summarize counted ${a.requests} of ${big.requests} requests`);
    const mb = Math.max(0, a.maxRssKiB - b.maxRssKiB) / 1024;
    return { k6SummarizeMbPerMillionRequests: Math.round((mb / (big.requests / 1e6)) * 10) / 10 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
