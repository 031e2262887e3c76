// `scalelab hpa calc|normalize`: the upstream HPA's replica calculator and normalize step as JSON filters
// (stdin → stdout), for users who want to know what their HPA will do and for external conformance checks.
import type { Command } from 'commander';
import { HpaCalculationError, HpaInputError, parseJsonInput, runHpaCalc, runHpaNormalize } from '../../agent/hpa/index.ts';
import { UserError } from '../errors.ts';
import { MAX_FILE_BYTES } from '../../experiments/input-file.ts';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new UserError('no input: pipe a JSON object into stdin (see --help for the fields)');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    // Oversized stdin (e.g. `< /dev/zero`) is refused as it arrives, never read to the end.
    if (size > MAX_FILE_BYTES.stdin) throw new UserError(`stdin: more than ${MAX_FILE_BYTES.stdin} bytes, expected one JSON object`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The text `scalelab hpa <kind>` prints for a stdin text; bad input → UserError (exit 2), uncomputable → exit 1. */
export function hpaJsonCommand(kind: 'calc' | 'normalize', stdinText: string, pretty = false): string {
  let output: unknown;
  try {
    output = (kind === 'calc' ? runHpaCalc : runHpaNormalize)(parseJsonInput(stdinText));
  } catch (err) {
    if (err instanceof HpaInputError) throw new UserError(err.message);
    if (err instanceof HpaCalculationError) {
      throw new UserError(`the HPA cannot compute a replica count (${err.reason}): ${err.message}`, { exitCode: 1 });
    }
    throw err;
  }
  return `${JSON.stringify(output, null, pretty ? 2 : undefined)}\n`;
}

async function runJsonFilter(kind: 'calc' | 'normalize', pretty: boolean): Promise<void> {
  process.stdout.write(hpaJsonCommand(kind, await readStdin(), pretty));
}

const CALC_HELP = `
Reads on stdin:
  { now, currentReplicas, metric, pods, tolerance?, cpuInitializationPeriodSeconds?, initialReadinessDelaySeconds? }
  metric: { type: "Resource", name: "cpu", targetUtilization }            (percent of requests)
        | { type: "Resource", name: "cpu", targetAverageValueMilli }
        | { type: "Pods", targetAverageValueMilli }                         (per-pod value in pods[].usageMilli)
        | { type: "Object"|"External", targetValueMilli? | targetAverageValueMilli?, valueMilli }
  pods[]: { name, phase: Pending|Running|Succeeded|Failed, ready?, deleting?, startTime?, readyTransitionTime?,
            requestMilli?, usageMilli?, metricTimestamp?, metricWindowSeconds? }
  Times are Unix seconds (Go's zero time is -62135596800). Left out: ready = no Ready condition, startTime = none,
  usageMilli = no metric for the pod, metricTimestamp = now, metricWindowSeconds = 60.
  Defaults: tolerance { scaleUp: 0.1, scaleDown: 0.1 } (inclusive), cpuInitializationPeriodSeconds 300,
  initialReadinessDelaySeconds 30.
Prints: { replicas, utilization?, rawAverageMilli?, usageMilli? }
  (utilization targets print utilization and rawAverageMilli; the others print usageMilli, except an average-value
  Object/External target at currentReplicas 0, whose per-pod value is undefined.)
Exit codes: 0 ok, 2 bad input (the message names the field), 1 the HPA itself cannot compute (e.g. no metrics).

Example:
  echo '{"now":1700000000,"currentReplicas":1,"metric":{"type":"Resource","name":"cpu","targetUtilization":50},
        "pods":[{"name":"a","phase":"Running","ready":true,"startTime":1699990000,"requestMilli":1000,"usageMilli":900}]}' \\
    | scalelab hpa calc
  {"replicas":2,"utilization":90,"rawAverageMilli":900}
`;

const NORMALIZE_HELP = `
Reads on stdin:
  { now, currentReplicas, desiredReplicas, minReplicas, maxReplicas, behavior?, recommendations?: [{ timestamp, replicas }],
    scaleUpEvents?: [{ timestamp, replicaChange }], scaleDownEvents?: [{ timestamp, replicaChange }],
    downscaleStabilizationWindowSeconds?, scaleUpLimitFactor?, scaleUpLimitMinimum? }
  behavior: the Kubernetes HorizontalPodAutoscalerBehavior object ({ scaleUp?, scaleDown? }, each with
  stabilizationWindowSeconds?, selectPolicy? Max|Min|Disabled, policies?: [{ type: Pods|Percent, value, periodSeconds }]);
  null or left out = the legacy path (downscale window max, scale-up limit max(factor x current, minimum) = 2.0 and 4).
  Order: stabilization, then the policies' rate limits, then min/max. No state is kept between calls.
Prints: { replicas, reason } where reason is the ScalingLimited condition reason:
  DesiredWithinRange | ScaleUpLimit | ScaleDownLimit | TooManyReplicas | TooFewReplicas
Exit codes: 0 ok, 2 bad input (the message names the field).
`;

/** Registers `scalelab hpa` and its two JSON subcommands. */
export function register(program: Command): void {
  const hpa = program
    .command('hpa')
    .description('the upstream Kubernetes HPA algorithm as JSON filters (replica calculator, normalize step)');
  hpa
    .command('calc')
    .description('replica proposal for one metric, exactly as the HPA replica calculator computes it (JSON on stdin)')
    .option('--pretty', 'indent the JSON output')
    .addHelpText('after', CALC_HELP)
    .action(async (opts: { pretty?: boolean }) => runJsonFilter('calc', opts.pretty === true));
  hpa
    .command('normalize')
    .description('stabilization, behavior rate limits and min/max for one step, with the ScalingLimited reason (JSON on stdin)')
    .option('--pretty', 'indent the JSON output')
    .addHelpText('after', NORMALIZE_HELP)
    .action(async (opts: { pretty?: boolean }) => runJsonFilter('normalize', opts.pretty === true));
}
