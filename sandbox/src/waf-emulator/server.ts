// The AWS JSON protocols over node:http: `POST /` with `X-Amz-Target: AWSWAF_20190729.<Op>`
// (WAFv2, JSON 1.1) or `GraniteServiceVersion20100801.<Op>` (CloudWatch, JSON 1.0), region from
// the SigV4 credential scope, errors as `{"__type", "Message"}` + x-amzn-ErrorType.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsError } from './aws-error.js';
import type { OperationHandler, RequestContext } from './context.js';
import { isWrite, type Faults } from './faults.js';
import type { Input } from './input.js';
import { resourceArnOf } from './operations.js';
import type { ResourceStore } from './store.js';
import type { CallRecord } from './types.js';

/** The services the emulator answers, by target prefix; `service` is their IAM prefix. */
const SERVICES = [
  {
    prefix: 'AWSWAF_20190729.',
    service: 'wafv2',
    signingName: 'wafv2',
    contentType: 'application/x-amz-json-1.1',
  },
  {
    prefix: 'GraniteServiceVersion20100801.',
    service: 'cloudwatch',
    signingName: 'monitoring',
    contentType: 'application/x-amz-json-1.0',
  },
] as const;
type Service = (typeof SERVICES)[number];

export interface ServerDeps {
  account: string;
  listPageSize: number;
  store: ResourceStore;
  faults: Faults;
  operations: Record<string, OperationHandler>;
  /** CloudWatch's operations (GetMetricData), answered on the same endpoint. */
  cloudWatch: Record<string, OperationHandler>;
  calls: () => CallRecord[];
  /** Called as each write is applied, before its answer is sent (see WafEmulator.onWrite). */
  applied: (call: CallRecord) => void;
}

/** `Credential=AKID/20261121/eu-west-1/wafv2/aws4_request` -> eu-west-1. */
export function regionOf(
  authorization: string | undefined,
  signingName: string = 'wafv2',
): string | undefined {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return scope?.[2] === signingName ? scope[1] : undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseInput(body: string): Input {
  try {
    const parsed: unknown = body.trim() === '' ? {} : JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Input;
  } catch {
    // reported below, as AWS does
  }
  throw new AwsError(
    'SerializationException',
    'Start of structure or map found where not expected.',
  );
}

/** The `Name` a request body carries, if any (for the call log only; dispatch validates). */
function nameIn(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { Name?: unknown } | null;
    return typeof parsed?.Name === 'string' ? parsed.Name : undefined;
  } catch {
    return undefined;
  }
}

function send(
  res: ServerResponse,
  service: Service,
  status: number,
  body: object,
  error?: AwsError,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': service.contentType,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...(error ? { 'x-amzn-ErrorType': error.type } : {}),
    ...(error?.queryError ? { 'x-amzn-query-error': error.queryError } : {}),
  });
  res.end(text);
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = String(req.headers['x-amz-target'] ?? '');
  const service = SERVICES.find((s) => target.startsWith(s.prefix)) ?? SERVICES[0];
  const operation = target.startsWith(service.prefix)
    ? target.slice(service.prefix.length)
    : target;
  const region = regionOf(req.headers.authorization, service.signingName) ?? '';
  const record: CallRecord = {
    service: service.service,
    operation,
    region,
    start: Date.now(),
    end: 0,
    status: 0,
  };
  deps.calls().push(record);
  const body = await readBody(req);
  const name = nameIn(body);
  if (name !== undefined) record.name = name;
  let status = 200;
  let response: object;
  let failure: AwsError | undefined;
  try {
    if (deps.faults.latencyMs > 0) await sleep(deps.faults.latencyMs);
    response = dispatch(deps, req, service, operation, region, body);
    if (isWrite(operation)) deps.applied(record);
  } catch (error) {
    failure =
      error instanceof AwsError
        ? error
        : new AwsError('WAFInternalErrorException', `Emulator bug: ${String(error)}`, 500);
    status = failure.status;
    record.errorType = failure.type;
    response = failure.body();
  }
  if (deps.faults.takeLostAnswer(operation)) {
    // Applied (or refused) but never answered, as when a connection dies after the request
    // arrived: the socket stays open until the client gives up (status and end stay 0).
    record.lost = true;
    return;
  }
  record.status = status;
  record.end = Date.now();
  send(res, service, status, response, failure);
}

function dispatch(
  deps: ServerDeps,
  req: IncomingMessage,
  service: Service,
  operation: string,
  region: string,
  body: string,
): object {
  const handler = (service.service === 'cloudwatch' ? deps.cloudWatch : deps.operations)[operation];
  if (req.method !== 'POST' || !handler)
    throw new AwsError(
      'UnknownOperationException',
      `Unknown operation ${operation || '(no X-Amz-Target)'}`,
    );
  if (!region)
    throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  const injected = deps.faults.takeInjected(operation);
  if (injected) throw injected;
  const input = parseInput(body);
  deps.faults.checkAccess(
    operation,
    service.service === 'cloudwatch' ? '*' : resourceArnOf(operation, input, region, deps.account),
    service.service,
  );
  deps.faults.checkWriteRate(operation, region, Date.now());
  const ctx: RequestContext = {
    account: deps.account,
    region,
    input,
    store: deps.store,
    listPageSize: deps.listPageSize,
  };
  return handler(ctx);
}

export function createEmulatorServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      // Only reachable if the socket failed mid-response; nothing left to tell the client.
      res.destroy(error instanceof Error ? error : undefined);
    });
  });
}
