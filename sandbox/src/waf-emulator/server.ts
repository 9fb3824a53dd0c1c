// The AWS JSON 1.1 protocol over node:http: `POST /` with `X-Amz-Target: AWSWAF_20190729.<Op>`,
// region from the SigV4 credential scope, errors as `{"__type", "Message"}` + x-amzn-ErrorType.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsError } from './aws-error.js';
import type { OperationHandler, RequestContext } from './context.js';
import type { Faults } from './faults.js';
import type { Input } from './input.js';
import { resourceArnOf } from './operations.js';
import type { ResourceStore } from './store.js';
import type { CallRecord } from './types.js';

const TARGET_PREFIX = 'AWSWAF_20190729.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface ServerDeps {
  account: string;
  listPageSize: number;
  store: ResourceStore;
  faults: Faults;
  operations: Record<string, OperationHandler>;
  calls: () => CallRecord[];
}

/** `Credential=AKID/20261121/eu-west-1/wafv2/aws4_request` -> eu-west-1. */
export function regionOf(authorization: string | undefined): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\/wafv2\/aws4_request/.exec(authorization ?? '')?.[1];
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

function send(res: ServerResponse, status: number, body: object, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
  });
  res.end(text);
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  const region = regionOf(req.headers.authorization) ?? '';
  const record: CallRecord = { operation, region, start: Date.now(), end: 0, status: 0 };
  deps.calls().push(record);
  const body = await readBody(req);
  let status = 200;
  let response: object;
  try {
    if (deps.faults.latencyMs > 0) await sleep(deps.faults.latencyMs);
    response = dispatch(deps, req, operation, region, body);
  } catch (error) {
    const aws =
      error instanceof AwsError
        ? error
        : new AwsError('WAFInternalErrorException', `Emulator bug: ${String(error)}`, 500);
    status = aws.status;
    record.errorType = aws.type;
    response = aws.body();
  }
  record.status = status;
  record.end = Date.now();
  send(res, status, response, record.errorType);
}

function dispatch(
  deps: ServerDeps,
  req: IncomingMessage,
  operation: string,
  region: string,
  body: string,
): object {
  const handler = deps.operations[operation];
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
  deps.faults.checkAccess(operation, resourceArnOf(operation, input, region, deps.account));
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
