// WAF applies an IP set (or regex pattern set) change everywhere only after "a few seconds to a number of minutes"
// (UpdateIPSet's documentation). The edge can play that: a change to a set's contents becomes
// visible `delayMs` after the edge first saw it; until then the edge keeps answering with what
// it saw before. Contents seen when the edge starts count as long propagated.

interface Seen {
  readonly since: number;
  readonly contents: unknown;
  readonly key: string;
}

export class Propagation {
  private readonly history = new Map<string, Seen[]>();

  constructor(
    public delayMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records what the set holds now, and returns what visitors get from it at this moment. */
  through<Contents>(arn: string, contents: Contents): Contents {
    const at = this.now();
    const key = JSON.stringify(contents);
    const seen = this.history.get(arn);
    if (!seen) {
      this.history.set(arn, [{ since: -Infinity, contents, key }]);
      return contents;
    }
    if (seen.at(-1)!.key !== key) seen.push({ since: at, contents, key });
    // The latest change old enough to have propagated; older ones are no longer needed.
    let visible = 0;
    for (let i = seen.length - 1; i >= 0; i--) {
      if (seen[i]!.since <= at - this.delayMs) {
        visible = i;
        break;
      }
    }
    seen.splice(0, visible);
    return seen[0]!.contents as Contents;
  }
}
