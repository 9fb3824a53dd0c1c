// AssociateWebACL, GetWebACLForResource, DisassociateWebACL, ListResourcesForWebACL: a REGIONAL web
// ACL protecting an ALB, API Gateway stage, ... The protected resource itself is not emulated: any
// well-formed ARN in the caller's region is accepted, as the Terraform provider's tests need.

import { parseArn } from './arn.js';
import { INVALID_FORMAT, invalidParameter, nonexistentItem } from './aws-error.js';
import type { OperationHandler, RequestContext } from './context.js';
import { apiShape } from './documents.js';
import { ARN_RULE, validated } from './input.js';
import type { DocumentRecord } from './store.js';

/** `arn:partition:service:region:account:resource` of a regional resource in the caller's region. */
function protectedResource(ctx: RequestContext, arn: string): string {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[3] !== ctx.region)
    throw invalidParameter('RESOURCE_ARN', arn, INVALID_FORMAT);
  return arn;
}

function webAcl(ctx: RequestContext, arn: string): DocumentRecord {
  const parsed = parseArn(arn);
  if (!parsed || parsed.kind !== 'webacl')
    throw invalidParameter('RESOURCE_ARN', arn, INVALID_FORMAT);
  if (parsed.scope !== 'REGIONAL') throw nonexistentItem();
  return ctx.store.getByArn(arn, ctx.region) as DocumentRecord;
}

const associate: OperationHandler = (ctx) => {
  const { acl, resource } = validated(ctx.input, (c) => ({
    acl: c.string('WebACLArn', ARN_RULE, true),
    resource: c.string('ResourceArn', ARN_RULE, true),
  }));
  const record = webAcl(ctx, acl);
  ctx.store.associations.set(protectedResource(ctx, resource), record.arn);
  return {};
};

const disassociate: OperationHandler = (ctx) => {
  const resource = validated(ctx.input, (c) => c.string('ResourceArn', ARN_RULE, true));
  ctx.store.associations.delete(protectedResource(ctx, resource));
  return {};
};

const webAclForResource: OperationHandler = (ctx) => {
  const resource = validated(ctx.input, (c) => c.string('ResourceArn', ARN_RULE, true));
  const acl = ctx.store.associations.get(protectedResource(ctx, resource));
  if (acl === undefined) return {};
  return { WebACL: apiShape(ctx.store.getByArn(acl, ctx.region) as DocumentRecord) };
};

const resourcesForWebAcl: OperationHandler = (ctx) => {
  const acl = validated(ctx.input, (c) => {
    c.string('ResourceType', { min: 1, max: 64, pattern: /^[A-Z_]+$/ });
    return c.string('WebACLArn', ARN_RULE, true);
  });
  const record = webAcl(ctx, acl);
  const arns = [...ctx.store.associations].filter(([, a]) => a === record.arn).map(([r]) => r);
  return { ResourceArns: arns };
};

export const associationOperations: Record<string, OperationHandler> = {
  AssociateWebACL: associate,
  DisassociateWebACL: disassociate,
  GetWebACLForResource: webAclForResource,
  ListResourcesForWebACL: resourcesForWebAcl,
};
