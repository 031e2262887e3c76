// After a failed cell: objects created while `pulumi up` failed are not in the stack, so destroy leaves them; the
// backend deletes the cell's namespace (waiting until it is gone) and its labelled objects elsewhere.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { removeCellLeftovers } from '../../../experiments/kube/cell-leftovers.ts';
import { KubeApiError, type KubeRest } from '../../../experiments/k8s-jobs/kube-rest.ts';

/** An API holding `objects` by path; a deleted namespace answers two more GETs (terminating), then 404. */
function fakeApi(objects: Record<string, any>): KubeRest & { calls: string[] } {
  const calls: string[] = [];
  const terminating = new Map<string, number>();
  return {
    calls,
    async request(method, path) {
      calls.push(`${method} ${path}`);
      if (path.startsWith('/api/v1/configmaps?')) return { items: Object.values(objects).filter((o) => o.kind === 'ConfigMap') };
      const left = terminating.get(path);
      if (left !== undefined) {
        if (left === 0) throw new KubeApiError('not found', 404);
        terminating.set(path, left - 1);
        return { metadata: { deletionTimestamp: 'now' } };
      }
      if (!(path in objects)) throw new KubeApiError('not found', 404);
      if (method === 'DELETE') {
        if (objects[path].kind === 'Namespace') terminating.set(path, 2);
        delete objects[path];
      }
      return objects[path] ?? {};
    },
  };
}

test('a leftover namespace is deleted and waited for; a dashboard ConfigMap elsewhere is deleted too', async () => {
  const api = fakeApi({
    '/api/v1/namespaces/scalelab-s1': { kind: 'Namespace', metadata: { name: 'scalelab-s1' } },
    '/api/v1/namespaces/observability/configmaps/scalelab-s1-dashboard': { kind: 'ConfigMap', metadata: { name: 'scalelab-s1-dashboard', namespace: 'observability' } },
  });
  const removed = await removeCellLeftovers(api, 's1');
  assert.equal(removed, ['configmap observability/scalelab-s1-dashboard', 'namespace scalelab-s1']);
  assert.ok(api.calls.includes('DELETE /api/v1/namespaces/scalelab-s1'));
  // Three GETs after the DELETE: two while it terminates, then the 404.
  assert.is(api.calls.filter((c) => c === 'GET /api/v1/namespaces/scalelab-s1').length, 1 + 3);
});

test('nothing left: no delete, nothing reported', async () => {
  const api = fakeApi({});
  assert.equal(await removeCellLeftovers(api, 's1'), []);
  assert.not.ok(api.calls.some((c) => c.startsWith('DELETE')));
});

test('a namespace that never goes away fails after the timeout, naming it', async () => {
  const api: KubeRest = { async request(_m, path) { return path.includes('?') ? { items: [] } : { metadata: { name: 'x' } }; } };
  try {
    await removeCellLeftovers(api, 's1', 'scalelab-s1', 1500);
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, /namespace scalelab-s1 is still terminating after 2 s/);
  }
});
