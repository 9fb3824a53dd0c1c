// `npm run sandbox`: the whole site on loopback for hands-on exploration, no AWS account needed.
// A local WAFv2 API with each environment provisioned from the Terraform module's synthesized
// output, a tiny shop (page, JSON API, status page), and per environment an edge that stands
// where AWS WAF stands. Prints the curl lines and CLI calls to try, logs every edge decision,
// and runs until Ctrl-C.
//
//   npm run sandbox -- [--port 4566] [--edge-port 8080] [--origin-port 8000] [--env prefix:SCOPE:region ...]
//                      [--propagation-delay 30s] [--detached]
//
// --propagation-delay: the edges apply IP set changes only that long after they are made, as WAF
// does (seconds to minutes), so the action's probe has something to wait for. --detached: the
// edges serve a web ACL that does not reference the rule group, so switches never reach visitors
// and the probe fails with its diagnosis.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { terraformInstalled } from '@maintenance-action/terraform/cli';
import { defaultProvisioner } from '@maintenance-action/sandbox/terraform-provision.js';
import {
  SANDBOX_CLIENT_IP_HEADER,
  type EdgeDecision,
} from '@maintenance-action/sandbox/edge/index.js';
import {
  startLocalSite,
  type EdgeFaults,
  type LocalSite,
  type SiteEnvironment,
} from '@maintenance-action/sandbox/edge/local-site.js';
import { parseDuration } from '../src/domain/duration.js';
import { QA_OFFICE_CIDRS } from '@maintenance-action/sandbox/edge/visitors.js';
import { errorMessage } from '../src/domain/error-message.js';
import { setIdLines } from '@maintenance-action/sandbox/set-id-lines.js';

const DEFAULT_ENVIRONMENTS = ['shop-staging:REGIONAL:eu-west-1', 'shop-prod:CLOUDFRONT:us-east-1'];
/** Paths that stay reachable during maintenance in every sandbox environment. */
const REACHABLE = ['/status'];

function parseEnvironment(spec: string): SiteEnvironment {
  const [name, scope, region, ...rest] = spec.split(':');
  if (!name || !region || rest.length > 0 || (scope !== 'REGIONAL' && scope !== 'CLOUDFRONT'))
    throw new Error(
      `--env ${JSON.stringify(spec)}: expected prefix:REGIONAL|CLOUDFRONT:region, e.g. shop-staging:REGIONAL:eu-west-1`,
    );
  return { name, scope, region, module: { reachablePathPrefixes: REACHABLE } };
}

function parsePort(option: string, text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--${option} ${JSON.stringify(text)}: expected a port number 0..65535`);
  return port;
}

/**
 * The config file a user would commit, with one entry per sandbox environment (keyed by its
 * prefix), with the sets' ids as the module's config_entry output gives them.
 */
function configFor(site: LocalSite): string {
  const entries = site.environments.map(({ environment: env, edge, servedBy }) =>
    [
      `  ${env.name}:\n    name: ${env.name}\n    scope: ${env.scope}\n    region: ${env.region}\n`,
      `    url: ${edge.url}\n    probe: { paths: [/], api-path: /api/orders }\n`,
      servedBy ? `    web-acl: { name: ${servedBy.name}, id: ${servedBy.id} }\n` : '',
      ...setIdLines(site.emulator, env.name, env.scope, env.region).map((line) => `${line}\n`),
    ].join(''),
  );
  const cidrs = QA_OFFICE_CIDRS.map((cidr) => JSON.stringify(cidr)).join(', ');
  return `testers:\n  - name: QA office\n    cidrs: [${cidrs}]\nenvironments:\n${entries.join('')}`;
}

function logDecision(environment: string, d: EdgeDecision): void {
  const what = d.error
    ? `ERROR ${d.error}`
    : d.verdict?.action === 'BLOCK'
      ? `BLOCK ${d.verdict.response?.status ?? ''} by ${d.verdict.terminatingRule}`
      : `ALLOW by ${d.verdict?.terminatingRule ?? '?'} -> origin`;
  console.log(`[${environment}] ${d.clientIp} ${d.method} ${d.path} -> ${what}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4566' },
      'edge-port': { type: 'string', default: '8080' },
      'origin-port': { type: 'string', default: '8000' },
      env: { type: 'string', multiple: true },
      'propagation-delay': { type: 'string' },
      detached: { type: 'boolean', default: false },
    },
  });
  const delay = values['propagation-delay'];
  const edge: EdgeFaults = {
    ruleGroupDetached: values.detached,
    ...(delay !== undefined
      ? {
          propagationDelayMs: parseDuration(delay, {
            field: '--propagation-delay',
            units: ['s', 'm'],
          }),
        }
      : {}),
  };
  const environments = (values.env ?? DEFAULT_ENVIRONMENTS)
    .map(parseEnvironment)
    .map((env) => ({ ...env, edge }));
  const provisioner = defaultProvisioner(terraformInstalled);
  const site = await startLocalSite({
    provisioner,
    environments,
    ports: {
      waf: parsePort('port', values.port),
      edge: parsePort('edge-port', values['edge-port']),
      origin: parsePort('origin-port', values['origin-port']),
    },
    onDecision: logDecision,
  });
  const dir = await mkdtemp(join(tmpdir(), 'maintenance-sandbox-'));
  const config = join(dir, 'maintenance.yml');
  await writeFile(config, configFor(site));

  console.log(`WAFv2 emulator  ${site.emulator.endpoint}`);
  console.log(
    `origin (shop)   ${site.origin.url}   / (page), /api/orders (JSON), /status (stays reachable)`,
  );
  const width = Math.max(...environments.map((env) => env.name.length));
  for (const { environment, edge, provisioned } of site.environments)
    console.log(
      `edge ${environment.name.padEnd(width)}  ${edge.url}   ${environment.scope} ${environment.region} (${provisioner === 'terraform' ? 'terraform apply' : 'synthesized'}): ${provisioned.resources.map((r) => r.name).join(', ')}`,
    );
  console.log(`config          ${config}`);
  if (delay !== undefined) console.log(`edges apply IP set changes ${delay} after they are made`);
  if (values.detached) console.log('edges serve web ACLs that do not reference the rule group');

  const first = site.environments[0];
  const region = first?.environment.region ?? 'eu-west-1';
  console.log(`\nIn another shell:\n`);
  console.log(
    `  export AWS_ENDPOINT_URL_WAFV2=${site.emulator.endpoint} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=${region}`,
  );
  if (first) {
    const key = first.environment.name;
    const cli = `node dist/cli/index.js`;
    const curl = (ip: string, path: string, accept?: string) =>
      `  curl -i -H '${SANDBOX_CLIENT_IP_HEADER}: ${ip}'${accept ? ` -H 'Accept: ${accept}'` : ''} ${first.edge.url}${path}`;
    console.log(`  ${cli} status --environment ${key} --config ${config}`);
    console.log(
      `  ${cli} enter --environment ${key} --config ${config} --reason "trying the sandbox"`,
    );
    console.log(`\n  # a browser, an API client (IPv6) and the status page:`);
    console.log(curl('198.51.100.23', '/', 'text/html'));
    console.log(curl('2001:db8:abcd::24', '/api/orders', 'application/json'));
    console.log(curl('198.51.100.23', '/status'));
    console.log(`\n  ${cli} allowlist-on --environment ${key} --config ${config}`);
    console.log(`  # a tester in the QA office's ${QA_OFFICE_CIDRS.join(' / ')}:`);
    console.log(curl('203.0.113.45', '/', 'text/html'));
    console.log(curl('2001:db8:1234::7', '/api/orders'));
    console.log(`\n  ${cli} allowlist-off --environment ${key} --config ${config}`);
    console.log(`  ${cli} exit --environment ${key} --config ${config}`);
  }
  console.log(`\nEvery request through an edge is logged below. Ctrl-C to stop.\n`);

  const stop = (signal: string): void => {
    console.log(`\n${signal}: stopping the edges, the origin and the emulator.`);
    Promise.all([site.close(), rm(dir, { recursive: true, force: true })]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** A busy port names the option that moves it (the emulator's 4566 is LocalStack's too). */
function explain(error: unknown): string {
  const { code, port } = (error ?? {}) as { code?: unknown; port?: unknown };
  if (code === 'EADDRINUSE') {
    return (
      `port ${String(port)} on 127.0.0.1 is already in use (another sandbox, LocalStack on 4566, a dev server?). ` +
      'Stop it, or choose free ports: npm run sandbox -- --port 4567 --edge-port 8180 --origin-port 8100'
    );
  }
  return errorMessage(error);
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${explain(error)}`);
  process.exit(1);
});
