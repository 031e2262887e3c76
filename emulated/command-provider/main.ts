// Entry of scalelab's `pulumi-resource-command` stand-in (emulated path only; started by the Pulumi engine through
// emulated/bin/pulumi-resource-command). Serves the provider protocol on a loopback port it prints on stdout.
import { randomBytes } from 'node:crypto';
import * as provider from '@pulumi/pulumi/provider/index.js';
import { engineLog } from './engine-log.ts';
import { commandProvider } from './provider.ts';
import { runCommand } from './run-command.ts';

// The SDK's provider server also prints `${err}: ${err.stack}` on stderr for errors it returns to the engine
// (check, diff, delete, invoke), and the engine shows a plugin's stderr to the user. The error itself reaches the
// engine over gRPC, so drop those stack traces: users see the message once, never a trace.
const consoleError = console.error.bind(console);
console.error = (...data: unknown[]) => {
  if (data.length === 1 && typeof data[0] === 'string' && /\n\s+at .+:\d+:\d+\)?$/m.test(data[0])) return;
  consoleError(...data);
};

const args = process.argv.slice(2);
// The engine's address is the first argument that is not a logging/tracing flag (as the SDK's server reads it).
const engineAddress = args.filter((a, i) => a !== '--logtostderr' && !a.startsWith('-v=') && a !== '--tracing' && args[i - 1] !== '--tracing')[0];
const engine = engineLog(engineAddress);
await provider.main(commandProvider({
  run: runCommand,
  randomHex: () => randomBytes(4).toString('hex'),
  env: () => ({ ...process.env }),
  log: engine.log,
}), args);
