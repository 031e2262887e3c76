// Child process of tests/run.ts: imports the given test files in order, so their node:test tests run in this one
// process (fast: TypeScript and the project load once). A file that cannot be loaded becomes a failing test.
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) {
  try {
    await import(pathToFileURL(file).href);
  } catch (err) {
    test(`load ${file}`, () => {
      throw err;
    });
  }
}
