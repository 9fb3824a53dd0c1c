// A whole site on loopback: the WAFv2 emulator, the module's resources provisioned into it from
// its synthesized Terraform, a tiny origin, and an edge in front of it evaluating the module's
// web ACL. Used by the demo, the sandbox and the end-to-end tests.
import {
  synthesizeMaintenanceWaf,
  type MaintenanceWafProps,
} from '../../../terraform/src/index.js';
import type { Scope } from '../../../src/domain/types.js';
import { startOrigin, type Origin } from '../origin.js';
import { provisionSynthesized, type ProvisionedEnvironment } from '../provision.js';
import { startWafEmulator, type WafEmulator } from '../waf-emulator/index.js';
import { SANDBOX_CLIENT_IP_HEADER, startEdge, type Edge, type EdgeDecision } from './index.js';

// The servers here are test doubles; the SDK's notice about its future Node.js support would be the
// first thing a newcomer reads in the demo and the sandbox on Node 20, so they opt out of it.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

export interface SiteEnvironment {
  /** The module's name prefix N. */
  readonly name: string;
  readonly scope: Scope;
  /** Region of the sets (us-east-1 for CLOUDFRONT). */
  readonly region: string;
  /** Module props beyond name and scope (reachable paths, page, status code...). */
  readonly module?: Omit<MaintenanceWafProps, 'name' | 'scope'>;
}

export interface ProtectedEnvironment {
  readonly environment: SiteEnvironment;
  readonly provisioned: ProvisionedEnvironment;
  readonly edge: Edge;
}

export interface LocalSite {
  readonly emulator: WafEmulator;
  readonly origin: Origin;
  readonly environments: readonly ProtectedEnvironment[];
  close(): Promise<void>;
}

export interface LocalSiteOptions {
  readonly environments: readonly SiteEnvironment[];
  /** Fixed ports for the sandbox; edges take consecutive ports from `edge`. Default: free ports. */
  readonly ports?: { readonly waf?: number; readonly origin?: number; readonly edge?: number };
  /** Every edge decision, with the environment's name (the sandbox logs them). */
  readonly onDecision?: (environment: string, decision: EdgeDecision) => void;
}

export async function startLocalSite(options: LocalSiteOptions): Promise<LocalSite> {
  const started: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    // Reverse order: edges before the origin and the emulator they talk to.
    for (const server of started.reverse()) await server.close();
  };
  try {
    const emulator = await startWafEmulator({
      ...(options.ports?.waf !== undefined ? { port: options.ports.waf } : {}),
    });
    started.push(emulator);
    const origin = await startOrigin({
      ...(options.ports?.origin !== undefined ? { port: options.ports.origin } : {}),
    });
    started.push(origin);
    const environments: ProtectedEnvironment[] = [];
    for (const [i, environment] of options.environments.entries()) {
      const edgePort = options.ports?.edge !== undefined ? options.ports.edge + i : undefined;
      const protectedEnvironment = await protect(
        emulator,
        origin,
        environment,
        edgePort,
        options.onDecision,
      );
      started.push(protectedEnvironment.edge);
      environments.push(protectedEnvironment);
    }
    return { emulator, origin, environments, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** Provisions one environment from the module's synthesized output and puts an edge in front of the origin. */
async function protect(
  emulator: WafEmulator,
  origin: Origin,
  environment: SiteEnvironment,
  edgePort: number | undefined,
  onDecision: LocalSiteOptions['onDecision'],
): Promise<ProtectedEnvironment> {
  const synthesized = synthesizeMaintenanceWaf({
    ...environment.module,
    name: environment.name,
    scope: environment.scope,
  });
  const provisioned = await provisionSynthesized(synthesized, {
    endpoint: emulator.endpoint,
    region: environment.region,
  });
  const edge = await startEdge({
    wafEndpoint: emulator.endpoint,
    region: environment.region,
    protectedBy:
      provisioned.webAclArn !== undefined
        ? { webAclArn: provisioned.webAclArn }
        : { ruleGroupArn: provisioned.ruleGroupArn },
    origin: origin.url,
    clientIpHeader: SANDBOX_CLIENT_IP_HEADER,
    ...(edgePort !== undefined ? { port: edgePort } : {}),
    ...(onDecision
      ? { onDecision: (decision: EdgeDecision) => onDecision(environment.name, decision) }
      : {}),
  });
  return { environment, provisioned, edge };
}
