import { test } from 'node:test';
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

test('describeError does not repeat a cause the message already quotes', () => {
  const parse = new Error('Unexpected token } in JSON');
  const err = new UserError(`experiment x.json: cannot read it as JSON (${parse.message})`, { cause: parse });
  assert.is(describeError(err), 'experiment x.json: cannot read it as JSON (Unexpected token } in JSON)');
  const outer = new UserError('k6 export w: WORKLOAD: bad', { cause: new Error('WORKLOAD: bad', { cause: new Error('EACCES') }) });
  assert.is(describeError(outer), 'k6 export w: WORKLOAD: bad\n  caused by: EACCES');
});
