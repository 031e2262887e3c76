// The plugin as the engine starts it: emulated/bin/pulumi-resource-command, spoken to over gRPC with the
// Node SDK's own protocol stubs. Checks the wire facts the engine relies on: the version it reports, that it
// does not announce preview support (so a preview never runs a command), the check/create/diff/update/delete
// round trip, the invoke, and that a failed create reaches the engine as an error carrying the command's output.
import { test, before, after } from 'node:test';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const req = createRequire(createRequire(import.meta.url).resolve('@pulumi/pulumi/package.json'));
const grpc = req('@grpc/grpc-js');
const rpc = req('@pulumi/pulumi/proto/provider_grpc_pb.js');
const pb = req('@pulumi/pulumi/proto/provider_pb.js');
const { Empty } = req('google-protobuf/google/protobuf/empty_pb.js');
const { Struct } = req('google-protobuf/google/protobuf/struct_pb.js');
const URN = 'urn:pulumi:dev::proj::command:local:Command::hello';

let plugin: ChildProcess;
let client: Record<string, (r: unknown, cb: (e: Error | null, res: any) => void) => void>; // eslint-disable-line @typescript-eslint/no-explicit-any
const call = (method: string, request: unknown) => new Promise<any>((ok, fail) => client[method]!.call(client, request, (e, r) => (e ? fail(e) : ok(r)))); // eslint-disable-line @typescript-eslint/no-explicit-any
const struct = (o: object) => Struct.fromJavaScript(o);

before(async () => {
  plugin = spawn(resolve(root, 'emulated/bin/pulumi-resource-command'), [], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((ok, fail) => {
    let out = '';
    plugin.stdout!.on('data', (d) => { out += d; if (out.includes('\n')) ok(out.trim()); });
    plugin.on('exit', (code) => fail(new Error(`plugin exited with ${code} before printing its port`)));
  });
  client = new rpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});

after(() => { plugin.kill(); });

test('GetPluginInfo reports @pulumi/command\'s plugin version 1.2.1 with stand-in build metadata', async () => {
  assert.is((await call('getPluginInfo', new Empty())).getVersion(), '1.2.1+scalelab-stand-in');
});

test('Configure accepts secrets and does not announce preview support (the engine then never runs create/update in a preview)', async () => {
  const r = await call('configure', new pb.ConfigureRequest().setArgs(struct({})).setAcceptsecrets(true));
  assert.is(r.getAcceptsecrets(), true);
  assert.is(r.getSupportspreview(), false);
});

test('check → create → diff → update → delete round trip over the wire', async () => {
  const checked = await call('check', new pb.CheckRequest().setUrn(URN).setOlds(struct({})).setNews(struct({ create: 'echo hi $WHO', environment: { WHO: 'there' }, triggers: ['a'] })));
  assert.is(checked.getFailuresList().length, 0);
  const created = await call('create', new pb.CreateRequest().setUrn(URN).setProperties(checked.getInputs()));
  assert.match(created.getId(), /^hello[0-9a-f]{8}$/);
  const state = created.getProperties().toJavaScript();
  assert.equal(state, { create: 'echo hi $WHO', environment: { WHO: 'there' }, triggers: ['a'], stdout: 'hi there', stderr: '' });

  const diff = async (news: object) => call('diff', new pb.DiffRequest().setId(created.getId()).setUrn(URN).setOlds(struct(state)).setNews(struct(news)));
  const same = await diff({ create: 'echo hi $WHO', environment: { WHO: 'there' }, triggers: ['a'] });
  assert.is(same.getChanges(), pb.DiffResponse.DiffChanges.DIFF_NONE);
  const update = await diff({ create: 'echo hi $WHO', environment: { WHO: 'you' }, triggers: ['a'] });
  assert.is(update.getChanges(), pb.DiffResponse.DiffChanges.DIFF_SOME);
  assert.equal(update.getReplacesList(), []);
  const replace = await diff({ create: 'echo hi $WHO', environment: { WHO: 'there' }, triggers: ['b'] });
  assert.equal(replace.getReplacesList(), ['triggers']);
  assert.is(replace.getDeletebeforereplace(), false);

  const updated = await call('update', new pb.UpdateRequest().setId(created.getId()).setUrn(URN).setOlds(struct(state)).setNews(struct({ create: 'echo hi $WHO', environment: { WHO: 'you' }, triggers: ['a'] })));
  assert.is(updated.getProperties().toJavaScript().stdout, 'hi you');
  await call('delete', new pb.DeleteRequest().setId(created.getId()).setUrn(URN).setProperties(struct({ ...state, delete: 'test "$PULUMI_COMMAND_STDOUT" = "hi there"' })));
});

test('a failing delete is an error (the engine keeps the resource)', async () => {
  const err = await call('delete', new pb.DeleteRequest().setId('x').setUrn(URN).setProperties(struct({ delete: 'exit 4', stdout: '', stderr: '' }))).then(() => undefined, (e: Error) => e);
  assert.match(String(err?.message), /exit status 4: running "exit 4"/);
});

test('a failing create is an error carrying the real provider\'s message with the command\'s output', async () => {
  const err = await call('create', new pb.CreateRequest().setUrn(URN).setProperties(struct({ create: 'echo nope >&2; exit 1' }))).then(() => undefined, (e: Error & { details?: string }) => e);
  assert.ok(err, 'create must fail');
  assert.match(String((err as { details?: string }).details), 'exit status 1: running "echo nope >&2; exit 1":\nnope\n');
});

test('invoke command:local:run returns its outputs', async () => {
  const r = await call('invoke', new pb.InvokeRequest().setTok('command:local:run').setArgs(struct({ command: 'printf "%s" "$((6*7))"' })));
  assert.equal(r.getReturn().toJavaScript(), { command: 'printf "%s" "$((6*7))"', stdout: '42', stderr: '' });
});
