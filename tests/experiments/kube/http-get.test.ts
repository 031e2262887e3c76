import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpGet } from '../../../experiments/kube/http-get.ts';
import { queryRange } from '../../../experiments/kube/prometheus-range.ts';

async function serve(handler: (res: import('node:http').ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => handler(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

async function rejects(p: Promise<unknown>, re: RegExp): Promise<void> {
  try {
    await p;
  } catch (err) {
    assert.match((err as Error).message, re);
    return;
  }
  assert.unreachable(`expected ${re}`);
}

test('a server sending one byte every 100 ms is cut off at the total deadline (an idle timeout would never fire)', async () => {
  const s = await serve((res) => {
    res.writeHead(200);
    const t = setInterval(() => res.write('x'), 100);
    res.on('close', () => clearInterval(t));
  });
  const t0 = Date.now();
  await rejects(httpGet(s.url, { deadlineMs: 700, maxBytes: 1e6 }), /no complete answer within 700 ms/);
  assert.ok(Date.now() - t0 < 2000);
  await s.close();
});

test('a body over the cap is refused; an abort ends a call at once', async () => {
  const big = await serve((res) => res.writeHead(200).end(Buffer.alloc(200_000)));
  await rejects(httpGet(big.url, { deadlineMs: 5000, maxBytes: 100_000 }), /larger than 100000 bytes/);
  assert.is((await httpGet(big.url, { deadlineMs: 5000, maxBytes: 300_000 })).length, 200_000);
  await big.close();
  const hang = await serve(() => {});
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 100);
  await rejects(httpGet(hang.url, { deadlineMs: 60_000, maxBytes: 10, signal: ac.signal }), /aborted/);
  await hang.close();
});

test('a Prometheus answer without any series fails naming the query and the window', async () => {
  const s = await serve((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{"resultType":"matrix","result":[]}}'));
  await rejects(queryRange(s.url, 'sum(up)', 1_700_000_000, 1_700_000_060, 15), /prometheus has no data for sum\(up\) between 2023-11-14T22:13:20\.000Z and 2023-11-14T22:14:20\.000Z/);
  await s.close();
});
