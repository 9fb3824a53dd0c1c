// `npm run sandbox`: a local WAFv2 API with the four IP sets of each environment, for trying the
// action and the CLI without an AWS account. Runs until Ctrl-C.
//
//   npm run sandbox -- [--port 4566] [--env prefix:SCOPE:region ...]

import { parseArgs } from 'node:util';
import {
  createEnvironmentSets,
  startWafEmulator,
  type WafScope,
} from '../test/support/waf-emulator/index.js';

const DEFAULT_ENVIRONMENTS = ['shop-staging:REGIONAL:eu-west-1', 'shop-prod:CLOUDFRONT:us-east-1'];

interface SandboxEnvironment {
  prefix: string;
  scope: WafScope;
  region: string;
}

function parseEnvironment(spec: string): SandboxEnvironment {
  const [prefix, scope, region, ...rest] = spec.split(':');
  if (!prefix || !region || rest.length > 0 || (scope !== 'REGIONAL' && scope !== 'CLOUDFRONT'))
    throw new Error(
      `--env ${JSON.stringify(spec)}: expected prefix:REGIONAL|CLOUDFRONT:region, e.g. shop-staging:REGIONAL:eu-west-1`,
    );
  return { prefix, scope, region };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port ${JSON.stringify(text)}: expected a port number 0..65535`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4566' },
      env: { type: 'string', multiple: true },
    },
  });
  const port = parsePort(values.port);
  const environments = (values.env ?? DEFAULT_ENVIRONMENTS).map(parseEnvironment);

  const emulator = await startWafEmulator({ port });
  for (const env of environments) {
    const sets = createEnvironmentSets(emulator, env.prefix, env.scope, env.region);
    console.log(
      `${env.prefix} (${env.scope}, ${env.region}): ${sets.map((s) => s.name).join(', ')}`,
    );
  }
  const region = environments[0]?.region ?? 'eu-west-1';
  console.log(
    `\nWAFv2 emulator listening on ${emulator.endpoint}\n\nPaste this into another shell:\n`,
  );
  console.log(
    `export AWS_ENDPOINT_URL_WAFV2=${emulator.endpoint} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=${region}\n`,
  );
  console.log('Ctrl-C to stop.');

  const stop = (signal: string): void => {
    console.log(`\n${signal}: stopping the emulator.`);
    emulator.close().then(
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

main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
