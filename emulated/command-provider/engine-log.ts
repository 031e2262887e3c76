// Sends a command's output lines to the engine as ephemeral info messages on the resource, as the real provider
// does (util.LogOutput → InfoStatus): the CLI shows them beside the resource while it runs, not in the summary.
import { createRequire } from 'node:module';

/** Logs one line against a resource URN; never throws (a lost log line must not fail the step). */
export type LineLog = (urn: string, line: string) => void;

interface EngineClient { log(req: unknown, cb: (err: Error | null) => void): void; close(): void }

/** A logger for the engine at `address` (the provider's first argument), or a no-op when there is none. */
export function engineLog(address: string | undefined): { log: LineLog; close: () => void } {
  if (!address) return { log: () => {}, close: () => {} };
  // Resolve gRPC and the engine protocol as @pulumi/pulumi does, so both share one @grpc/grpc-js.
  const req = createRequire(createRequire(import.meta.url).resolve('@pulumi/pulumi/package.json'));
  const grpc = req('@grpc/grpc-js') as { credentials: { createInsecure(): unknown } };
  const rpc = req('@pulumi/pulumi/proto/engine_grpc_pb.js') as { EngineClient: new (addr: string, creds: unknown) => EngineClient };
  const pb = req('@pulumi/pulumi/proto/engine_pb.js') as {
    LogRequest: new () => { setSeverity(s: number): unknown; setMessage(m: string): unknown; setUrn(u: string): unknown; setEphemeral(e: boolean): unknown };
    LogSeverity: { INFO: number };
  };
  const client = new rpc.EngineClient(address, grpc.credentials.createInsecure());
  return {
    log: (urn, line) => {
      const msg = new pb.LogRequest();
      msg.setSeverity(pb.LogSeverity.INFO);
      msg.setMessage(line);
      msg.setUrn(urn);
      msg.setEphemeral(true);
      try { client.log(msg, () => {}); } catch { /* engine gone: nothing to tell */ }
    },
    close: () => client.close(),
  };
}
