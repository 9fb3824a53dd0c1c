// TagResource, UntagResource, ListTagsForResource. Tags do not change a resource's lock token.

import { parseArn } from './arn.js';
import { INVALID_FORMAT, invalidParameter } from './aws-error.js';
import { pageLimit, type OperationHandler, type RequestContext } from './context.js';
import { ARN_RULE, MARKER_RULE, TAG_KEY_RULE, validated, type InputChecks } from './input.js';
import { compareKeys, paginate } from './paginate.js';
import { checkTagCount, type ResourceRecord } from './store.js';

function taggedResource(ctx: RequestContext, checkMore: (c: InputChecks) => void): ResourceRecord {
  const arn = validated(ctx.input, (c) => {
    checkMore(c);
    return c.string('ResourceARN', ARN_RULE, true);
  });
  if (!parseArn(arn)) throw invalidParameter('RESOURCE_ARN', arn, INVALID_FORMAT);
  return ctx.store.getByArn(arn, ctx.region);
}

const tagResource: OperationHandler = (ctx) => {
  let tags: Record<string, string> = {};
  const resource = taggedResource(ctx, (c) => {
    tags = c.tags('Tags', { required: true });
  });
  const merged = { ...resource.tags, ...tags };
  checkTagCount(merged);
  resource.tags = merged;
  return {};
};

const untagResource: OperationHandler = (ctx) => {
  let keys: string[] = [];
  const resource = taggedResource(ctx, (c) => {
    keys = c.strings('TagKeys', TAG_KEY_RULE, { required: true, minItems: 1 });
  });
  for (const key of keys) delete resource.tags[key];
  return {};
};

const listTagsForResource: OperationHandler = (ctx) => {
  let marker: string | undefined;
  let limit: number | undefined;
  const resource = taggedResource(ctx, (c) => {
    marker = c.string('NextMarker', MARKER_RULE);
    limit = c.integer('Limit', 1, 100);
  });
  const sorted = Object.entries(resource.tags).sort(([a], [b]) => compareKeys(a, b));
  const page = paginate(sorted, ([key]) => key, marker, pageLimit(ctx, limit));
  return {
    ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}),
    TagInfoForResource: {
      ResourceARN: resource.arn,
      TagList: page.items.map(([Key, Value]) => ({ Key, Value })),
    },
  };
};

export const tagOperations: Record<string, OperationHandler> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
