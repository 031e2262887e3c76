import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeError, UserError } from '../../cli/errors.ts';

test('a user error carries exit code 2 by default and 1 when the work failed', () => {
  assert.is(new UserError('bad').exitCode, 2);
  assert.is(new UserError('failed', { exitCode: 1 }).exitCode, 1);
});

test('describeError prints the message followed by each cause', () => {
  const err = new UserError('cannot read records.jsonl', { cause: new Error('ENOENT: no such file') });
  assert.is(describeError(err), 'cannot read records.jsonl\n  caused by: ENOENT: no such file');
});

test.run();
