import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { parseLabelSelector } from '../../emulated/bridge/label-selector.ts';

// Cases from the Kubernetes label-selector documentation (concepts/overview/working-with-objects/labels).
const cases: [string, Record<string, string>, boolean][] = [
  ['environment = production,tier != frontend', { environment: 'production', tier: 'backend' }, true],
  ['environment = production,tier != frontend', { environment: 'production', tier: 'frontend' }, false],
  ['environment in (production, qa)', { environment: 'qa' }, true],
  ['environment in (production, qa)', { environment: 'dev' }, false],
  ['tier notin (frontend, backend)', { tier: 'cache' }, true],
  ['tier notin (frontend, backend)', {}, true],
  ['partition', { partition: 'a' }, true],
  ['!partition', { partition: 'a' }, false],
  ['app.kubernetes.io/name=nginx,scalelab.io/stack=hpa-spike', { 'app.kubernetes.io/name': 'nginx', 'scalelab.io/stack': 'hpa-spike' }, true],
  ['app.kubernetes.io/name==nginx', { 'app.kubernetes.io/name': 'agent' }, false],
  ['', { any: 'thing' }, true],
];

for (const [selector, labels, expected] of cases) {
  test(`selector ${JSON.stringify(selector)} on ${JSON.stringify(labels)} → ${expected}`, () => {
    assert.is(parseLabelSelector(selector)(labels), expected);
  });
}

test('an unreadable selector is an error naming the part', () => {
  assert.throws(() => parseLabelSelector('a in b'), /cannot read "a in b"/);
});
