// A node:test custom reporter (the documented reporter API): counts passed, failed and skipped/todo tests and
// writes them as one JSON object when the run ends, for tests/run.ts to print and turn into the exit code.
import type { TestEvent } from 'node:test/reporters';

/** What tests/run.ts reads. */
export interface TestCounts {
  passed: number;
  failed: number;
  /** Skipped or todo tests, named: tests/run.ts counts them as failures. */
  skipped: string[];
}

export default async function* countReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const counts: TestCounts = { passed: 0, failed: 0, skipped: [] };
  for await (const event of source) {
    if (event.type === 'test:pass') {
      if (event.data.skip !== undefined || event.data.todo !== undefined) counts.skipped.push(`${event.data.file ?? ''}: ${event.data.name}`);
      else counts.passed++;
    } else if (event.type === 'test:fail') {
      counts.failed++;
    }
  }
  yield JSON.stringify(counts);
}
