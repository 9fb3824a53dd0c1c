// Least-privilege access for the action: the permissions policy (always declared, so teams with
// their own roles can attach its JSON) and, optionally, a role GitHub Actions assumes through OIDC.

import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { SetTarget } from '@maintenance-action/contract';
import { ACTION_PERMISSIONS } from './iam-permissions.js';
import { bothOn, Optional } from './optional.js';
import type { GithubAccessProps } from './props.js';
import { ROLE_NAME, ROLE_NAME_MESSAGE } from './rules/variable-rules.js';
import { GITHUB_OIDC_HOST } from './waf-limits.js';

export const STS_AUDIENCE = 'sts.amazonaws.com';

/** The `sub` claim of a job in environment ENV of OWNER/REPO (GitHub's default claim template). */
export function githubSubject(repository: string, environment: string): string {
  return `repo:${repository}:environment:${environment}`;
}

/** One `sub` per environment; a Terraform list (module variable) is expanded with formatlist. */
function githubSubjects(repository: string, environments: readonly string[]): string[] {
  if (!Token.isUnresolved(environments) && !Token.isUnresolved(repository)) {
    return environments.map((environment) => githubSubject(repository, environment));
  }
  return Token.asList(
    Fn.formatlist(githubSubject('%s', '%s'), [repository, environments as string[]]),
  );
}

/** What the permissions are granted on, besides the sets. */
export interface PolicyResources {
  readonly setArns: Readonly<Record<SetTarget, string>>;
  readonly region: string;
  /** The web ACL ARN (or pattern) GetWebACL may read. */
  readonly webAcl: string;
}

export function declarePermissionsPolicy(
  scope: Construct,
  { setArns, region, webAcl }: PolicyResources,
): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, 'action-permissions', {
    statement: ACTION_PERMISSIONS.map((permission) => ({
      sid: permission.sid,
      effect: 'Allow',
      actions: [...permission.actions],
      ...(permission.on === 'region'
        ? {
            resources: ['*'],
            condition: [
              { test: 'StringEquals', variable: 'aws:RequestedRegion', values: [region] },
            ],
          }
        : permission.on === 'web-acl'
          ? { resources: [webAcl] }
          : { resources: permission.on.map((role) => setArns[role]) }),
    })),
  });
}

export interface GithubRoleInputs extends GithubAccessProps {
  readonly roleName: string;
  readonly permissionsJson: string;
  readonly tags: { [key: string]: string } | undefined;
}

/**
 * A role name that is a Terraform expression (the module's default `N-maintenance-action`) is
 * checked at plan time with the same rule validateProps applies to a literal one.
 */
function roleNameCheck(roleName: string) {
  if (!Token.isUnresolved(roleName)) return {};
  return {
    lifecycle: {
      precondition: [
        {
          condition: `\${${ROLE_NAME.hcl(roleName)}}`,
          errorMessage: `The IAM role name ${ROLE_NAME_MESSAGE}.`,
        },
      ],
    },
  };
}

/** The role and, unless the account already has one, the GitHub OIDC provider. */
export class GithubActionRole extends Construct {
  readonly roleArn: string | undefined;

  constructor(scope: Construct, id: string, inputs: GithubRoleInputs) {
    super(scope, id);
    const create = inputs.create ?? true;
    const tags = inputs.tags !== undefined ? { tags: inputs.tags } : {};
    const withCount = (count: number | undefined) => (count !== undefined ? { count } : {});

    const provider = Optional.declare(
      bothOn(create, inputs.createOidcProvider ?? inputs.oidcProviderArn === undefined),
      (count) =>
        new IamOpenidConnectProvider(this, 'github-oidc', {
          url: `https://${GITHUB_OIDC_HOST}`,
          clientIdList: [STS_AUDIENCE],
          ...tags,
          ...withCount(count),
        }),
    );
    const providerArn = this.providerArn(inputs, provider);

    const trust = Optional.declare(
      create,
      (count) =>
        new DataAwsIamPolicyDocument(this, 'trust', {
          statement: [
            {
              sid: 'GithubEnvironmentsOnly',
              effect: 'Allow',
              actions: ['sts:AssumeRoleWithWebIdentity'],
              principals: [{ type: 'Federated', identifiers: [providerArn] }],
              condition: [
                {
                  test: 'StringEquals',
                  variable: `${GITHUB_OIDC_HOST}:aud`,
                  values: [STS_AUDIENCE],
                },
                {
                  test: 'StringEquals',
                  variable: `${GITHUB_OIDC_HOST}:sub`,
                  values: githubSubjects(inputs.repository, inputs.environments),
                },
              ],
            },
          ],
          ...withCount(count),
        }),
    );
    const role = Optional.declare(
      create,
      (count) =>
        new IamRole(this, 'role', {
          name: inputs.roleName,
          description: 'maintenance-action: switches the maintenance IP sets from GitHub Actions',
          assumeRolePolicy: trust.attribute('json')!,
          maxSessionDuration: 3600,
          ...tags,
          ...withCount(count),
          ...roleNameCheck(inputs.roleName),
        }),
    );
    Optional.declare(
      create,
      (count) =>
        new IamRolePolicy(this, 'permissions', {
          name: 'maintenance-action',
          role: role.attribute('id')!,
          policy: inputs.permissionsJson,
          ...withCount(count),
        }),
    );
    this.roleArn = role.attribute('arn');
  }

  private providerArn(
    inputs: GithubRoleInputs,
    provider: Optional<IamOpenidConnectProvider>,
  ): string {
    const created = provider.attribute('arn');
    if (created === undefined) {
      if (inputs.oidcProviderArn === undefined) {
        throw new Error('github.oidcProviderArn is required when createOidcProvider is false');
      }
      return inputs.oidcProviderArn;
    }
    if (inputs.oidcProviderArn === undefined || !Token.isUnresolved(inputs.oidcProviderArn)) {
      return created;
    }
    // Module rendering: the variable wins when set, the created provider otherwise.
    return Token.asString(Fn.coalesce([inputs.oidcProviderArn, created]));
  }
}
