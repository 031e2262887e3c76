import { test } from 'node:test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { JsonInputError, MAX_JSON_DEPTH, parseStrictJson } from '../../lib/strict-json.ts';
import { joinKey } from '../../lib/schema.ts';

const refused: { name: string; text: string; field: string; says: RegExp }[] = [
  { name: 'a duplicate top-level key (JSON.parse keeps the last)', text: '{"tolerance":0.1,"tolerance":0.5}', field: 'tolerance', says: /duplicate key/ },
  { name: 'a duplicate nested key, named by its path', text: '{"metric":{"type":"Pods","type":"Resource"}}', field: 'metric.type', says: /duplicate key/ },
  { name: 'a duplicate spelt with an escape', text: '{"a":1,"\\u0061":2}', field: 'a', says: /duplicate key/ },
  { name: 'a duplicate inside an array element', text: '{"pods":[{"n":1},{"n":2,"n":3}]}', field: 'pods[1].n', says: /duplicate key/ },
  { name: 'nesting one level too deep', text: `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`, field: '(top level)', says: /nesting too deep, expected at most 64 levels/ },
  { name: 'text that is not JSON', text: '{"a":', field: '(top level)', says: /not valid JSON/ },
];
for (const c of refused) {
  test(`strict JSON refuses ${c.name}`, () => {
    try {
      parseStrictJson(c.text);
      assert.unreachable('accepted');
    } catch (err) {
      assert.instance(err, JsonInputError);
      assert.match((err as Error).message, c.says);
      if (!c.name.startsWith('nesting')) assert.is((err as JsonInputError).field, c.field);
    }
  });
}

test('strict JSON names the path of a too-deep container (100,000 levels: refused, no stack overflow)', () => {
  const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  assert.throws(() => parseStrictJson(deep), (err: Error) => err instanceof JsonInputError && err.field === `a${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`);
});

test('strict JSON accepts the same key in different objects, and braces and quotes inside strings', () => {
  assert.equal(parseStrictJson('[{"a":1},{"a":2}]'), [{ a: 1 }, { a: 2 }]);
  assert.equal(parseStrictJson('{"x":"}{\\",\\"x\\":","y":{"x":1}}'), { x: '}{","x":', y: { x: 1 } });
  assert.equal(parseStrictJson(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`), JSON.parse(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`));
});

test('strict JSON gives exactly what JSON.parse gives for any JSON without duplicate keys (property)', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
      const text = JSON.stringify(v);
      assert.equal(parseStrictJson(text), JSON.parse(text));
      assert.equal(parseStrictJson(JSON.stringify(v, null, 2)), JSON.parse(text));
    }),
    { numRuns: 500 },
  );
});

test('strict JSON finds a key repeated anywhere in an object (property)', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 6 }), fc.nat(), (obj, pick) => {
      const keys = Object.keys(obj);
      const dup = keys[pick % keys.length];
      const text = `{"wrap":{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(obj[k])}`).join(',')},${JSON.stringify(dup)}:0}}`;
      assert.throws(() => parseStrictJson(text), (err: Error) => err instanceof JsonInputError && err.field === joinKey('wrap', dup));
    }),
    { numRuns: 300 },
  );
});
