import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { byteOffset, jsonLines } from '../../lib/json-lines.ts';

const lines = (text: string, o?: Parameters<typeof jsonLines>[1]) =>
  [...jsonLines(text, o)].map((l) => (l.ok ? { n: l.lineNumber, at: l.offset, v: l.value } : { n: l.lineNumber, at: l.offset, problem: l.problem }));

test('each line is parsed with its 1-based number and start offset; blank lines are skipped by default', () => {
  assert.equal(lines('{"a":1}\n\n  \n[2]\n'), [{ n: 1, at: 0, v: { a: 1 } }, { n: 4, at: 12, v: [2] }]);
  assert.equal(lines('1\n2'), [{ n: 1, at: 0, v: 1 }, { n: 2, at: 2, v: 2 }], 'a last line without newline is accepted by default');
  assert.equal(lines(''), []);
});

test('strict mode reports empty lines and a last line cut short (a writer killed mid-line)', () => {
  assert.equal(lines('1\n\n2\n', { blankLines: 'problem' }), [{ n: 1, at: 0, v: 1 }, { n: 2, at: 2, problem: 'empty' }, { n: 3, at: 3, v: 2 }]);
  assert.equal(lines('1\n{"a":', { requireFinalNewline: true }), [{ n: 1, at: 0, v: 1 }, { n: 2, at: 2, problem: 'incomplete' }]);
});

test('a line that is not JSON is reported with the parser error, and the walk goes on for callers that skip it', () => {
  const all = [...jsonLines('1\nnot json\n3\n')];
  assert.is(all.length, 3);
  assert.ok(!all[1].ok && all[1].problem === 'invalid-json' && all[1].error instanceof SyntaxError);
  assert.equal(all[2].ok && all[2].value, 3);
});

test('byteOffset counts UTF-8 bytes, so a file can be cut at a bad line after multi-byte text', () => {
  const text = '{"s":"λ€"}\nbad\n';
  const bad = [...jsonLines(text)][1];
  assert.is(bad.offset, 11);
  assert.is(byteOffset(text, bad.offset), 14); // λ is 2 bytes, € is 3
});
