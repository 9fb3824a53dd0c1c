// IP sets and regex pattern sets a statement references by ARN: the edge reads their contents on
// every request and refuses a reference to one it was not given (never an empty set by mistake).
import { UnsupportedWafFeature } from './unsupported.js';

/** Current contents of the sets of one kind that a web ACL references, by ARN. */
export type SetsByArn<Contents> = ReadonlyMap<string, Contents>;

export interface IpSetContents {
  readonly addresses: readonly string[];
}
export interface RegexSetContents {
  readonly regularExpressions: readonly string[];
}
export type IpSetsByArn = SetsByArn<IpSetContents>;
export type RegexSetsByArn = SetsByArn<RegexSetContents>;

export function referencedSet<Contents>(
  sets: SetsByArn<Contents>,
  arn: string | undefined,
  kind: 'IP set' | 'regex pattern set',
  where: string,
): Contents {
  const set = arn !== undefined ? sets.get(arn) : undefined;
  if (!set) throw new UnsupportedWafFeature(where, `${kind} ${String(arn)} was not loaded`);
  return set;
}
