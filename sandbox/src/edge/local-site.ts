// A whole site on loopback: the WAFv2 emulator, the module's resources provisioned into it from
// its synthesized Terraform, a tiny origin, and an edge in front of it evaluating the module's
// web ACL. Used by the demo, the sandbox and the end-to-end tests.
import { CreateWebACLCommand } from '@aws-sdk/client-wafv2';
import { synthesizeMaintenanceWaf, type MaintenanceWafProps } from '@maintenance-action/terraform';
import type { Scope } from '@maintenance-action/contract';
import { startOrigin, type Origin } from '../origin.js';
import { provisionSynthesized, type ProvisionedEnvironment } from '../provision.js';
import { provisionWithTerraform, type Provisioner } from '../terraform-provision.js';
import { startWafEmulator, type WafEmulator } from '../waf-emulator/index.js';
import { SANDBOX_CLIENT_IP_HEADER, startEdge, type Edge, type EdgeDecision } from './index.js';
import { wafClientFor } from './waf-client.js';

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
  /** How the edge misbehaves, as WAF and its users can: slow propagation, a detached rule group. */
  readonly edge?: EdgeFaults;
}

export interface EdgeFaults {
  /** IP set changes reach visitors only this long after they are made. */
  readonly propagationDelayMs?: number;
  /**
   * The site is served by a web ACL that does not reference the maintenance rule group
   * (`N-detached`, created in the emulator: default Allow, no rules), as when the rule group
   * was never attached to the web ACL in front of the host.
   */
  readonly ruleGroupDetached?: boolean;
}

/** A web ACL as the config's `web-acl:` names it. */
export interface ServingWebAcl {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
}

export interface ProtectedEnvironment {
  readonly environment: SiteEnvironment;
  readonly provisioned: ProvisionedEnvironment;
  readonly edge: Edge;
  /** The web ACL the edge evaluates, when it is one in the emulator. */
  readonly servedBy?: ServingWebAcl;
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
  /**
   * How the module gets into the emulator: `terraform apply` of the plain module (what a user
   * runs), or the construct's synthesized JSON sent through the SDK (fast; needs no Terraform).
   * Default: synthesized.
   */
  readonly provisioner?: Provisioner;
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
        options.provisioner ?? 'synthesized',
        started,
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
  provisioner: Provisioner,
  started: { close(): Promise<void> }[],
): Promise<ProtectedEnvironment> {
  const props = { ...environment.module, name: environment.name, scope: environment.scope };
  let provisioned: ProvisionedEnvironment;
  if (provisioner === 'terraform') {
    const applied = await provisionWithTerraform(emulator, props, environment.region);
    // The state dies with the emulator: only the working directory is left to remove.
    started.push({ close: () => applied.workspace.remove() });
    provisioned = applied.provisioned;
  } else {
    provisioned = await provisionSynthesized(synthesizeMaintenanceWaf(props), {
      endpoint: emulator.endpoint,
      region: environment.region,
    });
  }
  const servedBy = environment.edge?.ruleGroupDetached
    ? await createDetachedWebAcl(emulator, environment)
    : moduleWebAcl(provisioned);
  const edge = await startEdge({
    wafEndpoint: emulator.endpoint,
    region: environment.region,
    protectedBy:
      servedBy !== undefined
        ? { webAclArn: servedBy.arn }
        : { ruleGroupArn: provisioned.ruleGroupArn },
    ...(environment.edge?.propagationDelayMs !== undefined
      ? { propagationDelayMs: environment.edge.propagationDelayMs }
      : {}),
    origin: origin.url,
    clientIpHeader: SANDBOX_CLIENT_IP_HEADER,
    // Per-minute counts for the emulator's CloudWatch, as WAF publishes them.
    metrics: (datum) => emulator.recordMetric(datum),
    ...(edgePort !== undefined ? { port: edgePort } : {}),
    ...(onDecision
      ? { onDecision: (decision: EdgeDecision) => onDecision(environment.name, decision) }
      : {}),
  });
  return { environment, provisioned, edge, ...(servedBy ? { servedBy } : {}) };
}

function moduleWebAcl(provisioned: ProvisionedEnvironment): ServingWebAcl | undefined {
  const created = provisioned.resources.find((r) => r.type === 'aws_wafv2_web_acl');
  return created && { name: created.name, id: created.id, arn: created.arn };
}

/** `N-detached`: default Allow and no rules, so the maintenance rule group never runs. */
async function createDetachedWebAcl(
  emulator: WafEmulator,
  environment: SiteEnvironment,
): Promise<ServingWebAcl> {
  const client = wafClientFor(emulator.endpoint, environment.region);
  try {
    const name = `${environment.name}-detached`;
    const { Summary } = await client.send(
      new CreateWebACLCommand({
        Name: name,
        Scope: environment.scope,
        DefaultAction: { Allow: {} },
        Rules: [],
        VisibilityConfig: {
          SampledRequestsEnabled: false,
          CloudWatchMetricsEnabled: false,
          MetricName: name,
        },
      }),
    );
    if (!Summary?.Id || !Summary.ARN) throw new Error(`CreateWebACL ${name} returned no summary`);
    return { name, id: Summary.Id, arn: Summary.ARN };
  } finally {
    client.destroy();
  }
}
