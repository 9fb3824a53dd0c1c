// Leases as tags on an allow set: read, add one, remove some. Tags do not change the set's lock
// token, but TagResource/UntagResource count toward WAF's write rate like UpdateIPSet.
import {
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { explainAwsError } from '../aws/errors.js';
import { leaseTagValue, parseLeaseTag, type Lease } from './lease.js';

const PAGE_SIZE = 100;

/** Every lease on the set (one ListTagsForResource per 100 tags; a set holds at most 50). */
export async function readLeases(client: WAFV2Client, arn: string): Promise<Lease[]> {
  const leases: Lease[] = [];
  let marker: string | undefined;
  do {
    const page = await client
      .send(
        new ListTagsForResourceCommand({ ResourceARN: arn, Limit: PAGE_SIZE, NextMarker: marker }),
      )
      .catch((error: unknown) => {
        throw explainAwsError(error, 'ListTagsForResource', arn);
      });
    for (const tag of page.TagInfoForResource?.TagList ?? []) {
      const lease = tag.Key === undefined ? undefined : parseLeaseTag(tag.Key, tag.Value ?? '');
      if (lease) leases.push(lease);
    }
    marker = page.NextMarker;
  } while (marker);
  return leases;
}

export async function writeLease(client: WAFV2Client, arn: string, lease: Lease): Promise<void> {
  await client
    .send(
      new TagResourceCommand({
        ResourceARN: arn,
        Tags: [{ Key: lease.key, Value: leaseTagValue(lease) }],
      }),
    )
    .catch((error: unknown) => {
      throw explainAwsError(error, 'TagResource', arn);
    });
}

/** One UntagResource for all of them (a set holds at most 50 tags, UntagResource takes 50 keys). */
export async function deleteLeases(
  client: WAFV2Client,
  arn: string,
  leases: readonly Lease[],
): Promise<void> {
  if (leases.length === 0) return;
  await client
    .send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: leases.map((l) => l.key) }))
    .catch((error: unknown) => {
      throw explainAwsError(error, 'UntagResource', arn);
    });
}
