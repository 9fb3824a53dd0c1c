// The local edge: an HTTP server on loopback that stands where AWS WAF stands. Each request is
// evaluated against the web ACL (and the rule groups it references) read from the WAFv2
// emulator through the SDK, with the IP sets' current contents; a Block answers with the rule's
// response, anything else goes to the origin.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { BadClientAddress, clientAddress } from './client-address.js';
import { listenOnLoopback } from './loopback.js';
import { proxyToOrigin } from './proxy.js';
import { wafClientFor } from './waf-client.js';
import { Propagation } from './propagation.js';
import { WafReader, type ProtectedBy } from './waf-reader.js';
import { evaluateWebAcl, type Verdict } from './web-acl-evaluation.js';
import type { WebRequest } from './web-request.js';
import type { MetricDatum } from '../waf-emulator/cloudwatch.js';
import { parseArn } from '../waf-emulator/arn.js';
import { requestMetrics } from './waf-metrics.js';
import { errorMessage } from '@maintenance-action/contract';

export type { ProtectedBy } from './waf-reader.js';
export type { Verdict } from './web-acl-evaluation.js';

/** The header the sandbox, the demo and the tests use to choose the client address. */
export const SANDBOX_CLIENT_IP_HEADER = 'x-sandbox-client-ip';

/** Set on answers the edge itself could not decide (unsupported rule, unreachable origin). */
export const EDGE_ERROR_HEADER = 'x-edge-error';

export interface EdgeOptions {
  /** Endpoint of the WAFv2 emulator, e.g. http://127.0.0.1:41234. */
  readonly wafEndpoint: string;
  readonly region: string;
  readonly protectedBy: ProtectedBy;
  /** Base URL of the origin, e.g. http://127.0.0.1:41235. */
  readonly origin: string;
  /** Take the client address from this request header (tests and sandbox only); default: the socket's peer. */
  readonly clientIpHeader?: string;
  /** Port on 127.0.0.1; default 0 (a free port). */
  readonly port?: number;
  /** Called with every decision as it is made (the sandbox logs them). */
  readonly onDecision?: (decision: EdgeDecision) => void;
  /** IP set changes reach visitors only this long after they are made, as in WAF. Default 0. */
  readonly propagationDelayMs?: number;
  /** Receives the CloudWatch counts WAF would publish for every request answered (see waf-metrics.ts). */
  readonly metrics?: (datum: MetricDatum) => void;
}

export interface EdgeDecision {
  readonly clientIp: string;
  readonly method: string;
  readonly path: string;
  readonly verdict?: Verdict;
  readonly error?: string;
}

export interface Edge {
  readonly url: string;
  /** Every request's decision, in order, for assertions and the sandbox log. */
  readonly decisions: EdgeDecision[];
  setPropagationDelay(ms: number): void;
  /** Evaluate another web ACL from now on (e.g. one that does not reference the rule group). */
  serve(protectedBy: ProtectedBy): void;
  close(): Promise<void>;
}

/** How often a delaying edge looks at the sets, so a change's clock starts when it is made. */
const WATCH_INTERVAL_MS = 100;

export async function startEdge(options: EdgeOptions): Promise<Edge> {
  const client = wafClientFor(options.wafEndpoint, options.region);
  const propagation = new Propagation(options.propagationDelayMs ?? 0);
  const reader = new WafReader(client, options.protectedBy, propagation);
  const watch = setInterval(() => {
    if (propagation.delayMs > 0) reader.snapshot().catch(() => undefined);
  }, WATCH_INTERVAL_MS);
  watch.unref();
  const origin = new URL(options.origin);
  const protectedArn =
    'webAclArn' in options.protectedBy
      ? options.protectedBy.webAclArn
      : options.protectedBy.ruleGroupArn;
  const metricScope = {
    region: options.region,
    cloudFront: parseArn(protectedArn)?.scope === 'CLOUDFRONT',
  };
  const decisions: EdgeDecision[] = [];
  const record = (decision: EdgeDecision) => {
    decisions.push(decision);
    options.onDecision?.(decision);
  };

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const path = (incoming.url ?? '/').split('?')[0] ?? '/';
    const method = incoming.method ?? 'GET';
    let clientIp = '';
    try {
      clientIp = clientAddress(incoming, options.clientIpHeader);
      const request: WebRequest = { clientIp, method, uriPath: path, headers: incoming.headers };
      const snapshot = await reader.snapshot();
      const verdict = evaluateWebAcl(snapshot.webAcl, snapshot.ruleGroups, {
        request,
        ipSets: snapshot.ipSets,
        regexSets: snapshot.regexSets,
      });
      record({ clientIp, method, path, verdict });
      for (const datum of requestMetrics(verdict, {
        ...snapshot,
        ...metricScope,
        timestampMs: Date.now(),
      }))
        options.metrics?.(datum);
      if (verdict.action === 'BLOCK' && verdict.response) {
        const { status, headers, body } = verdict.response;
        outgoing.writeHead(status, headers.flat());
        outgoing.end(body);
        return;
      }
      await proxyToOrigin(origin, incoming, outgoing, clientIp);
    } catch (error) {
      const message = errorMessage(error);
      record({ clientIp, method, path, error: message });
      if (outgoing.headersSent) {
        outgoing.destroy();
        return;
      }
      outgoing.writeHead(error instanceof BadClientAddress ? 400 : 500, {
        'content-type': 'text/plain',
        [EDGE_ERROR_HEADER]: '1',
      });
      outgoing.end(`edge: ${message}\n`);
    }
  };

  const server = createServer((incoming, outgoing) => void handle(incoming, outgoing));
  const listening = await listenOnLoopback(server, options.port);
  return {
    url: listening.url,
    decisions,
    setPropagationDelay: (ms) => {
      propagation.delayMs = ms;
    },
    serve: (protectedBy) => reader.serve(protectedBy),
    close: async () => {
      clearInterval(watch);
      await listening.close();
      client.destroy();
    },
  };
}
