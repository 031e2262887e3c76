// `scalelab stacks list`: in-process through the command tree, as a user runs it.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { resolve } from 'node:path';
import { buildProgram } from '../../cli/main.ts';
import { UserError } from '../../cli/errors.ts';

const repo = resolve(import.meta.dirname, '../..');

test('stacks list prints the committed stacks of the project root', async () => {
  const program = await buildProgram('stacks');
  let out = '';
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'scalelab', 'stacks', 'list', '--root', repo]);
  } finally {
    process.stdout.write = write;
  }
  assert.ok(out.split('\n').includes('cluster'), out);
});

test('stacks list with a --root that is not a project is a UserError naming the flag, not an empty list', async () => {
  const program = await buildProgram('stacks');
  await program.parseAsync(['node', 'scalelab', 'stacks', 'list', '--root', '/nonexistent']).then(
    () => assert.unreachable('a missing root was accepted'),
    (err: unknown) => {
      assert.instance(err, UserError);
      assert.is((err as UserError).exitCode, 2);
      assert.match((err as Error).message, /^--root: got "\/nonexistent", expected the project folder holding Pulumi\.yaml/);
    },
  );
});
