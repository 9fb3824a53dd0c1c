// The action's post step: when the job ends (success, failure or cancellation) it removes the
// bypass tokens its main step issued (one per environment): each exact entry, with its set's
// lock token, re-reading on a conflict so other jobs' tokens stay. Every token is tried, however
// the others fare; the step fails when any stays, naming each.
import * as core from '@actions/core';
import { createWafClient, regionFor } from '../aws/client.js';
import { Deadline, parseTimeout } from '../aws/deadline.js';
import { wafEndpoint } from '../aws/endpoint.js';
import { findBypassSet, readRegexSet, writeRegexSet } from '../aws/regex-pattern-sets.js';
import { WritePacer } from '../aws/write-pacer.js';
import { errorMessage } from '../domain/error-message.js';
import { parseEntry } from '../domain/bypass-token.js';
import { decodeHeldTokens, HELD_TOKEN_STATE, type HeldToken } from './held-token.js';
import { isRefusal } from '../aws/errors.js';

export async function runPost(): Promise<void> {
  let held: readonly HeldToken[];
  let timeoutMs: number;
  try {
    held = decodeHeldTokens(core.getState(HELD_TOKEN_STATE));
    if (held.length === 0) {
      core.info('This step issued no bypass token; nothing to end.');
      return;
    }
    // The main step refused a bad `timeout` before it issued any token.
    timeoutMs = parseTimeout(core.getInput('timeout'), 'input "timeout"');
  } catch (error) {
    core.setFailed(errorMessage(error));
    return;
  }
  // Each entry is its token with anchors: masked, so no message below can print one.
  for (const { entry } of held) core.setSecret(entry.slice(1, -1));
  // Several environments in one region: their removals share the region's write rate.
  const pacer = new WritePacer();
  const failures = (
    await Promise.all(held.map((token) => endToken(token, timeoutMs, pacer)))
  ).filter((failure): failure is string => failure !== undefined);
  if (failures.length === 0) return;
  core.setFailed(
    held.length === 1
      ? failures[0]!
      : [
          `Could not end ${failures.length} of ${held.length} bypass tokens (the others are ended):`,
          ...failures.map((failure) => `  - ${failure}`),
        ].join('\n'),
  );
}

/** Ends one token; undefined when it is gone, else what failed and what to do about it. */
async function endToken(
  { environment, entry }: HeldToken,
  timeoutMs: number,
  pacer: WritePacer,
): Promise<string | undefined> {
  const region = regionFor(environment);
  const deadline = new Deadline(timeoutMs, wafEndpoint(region));
  const client = createWafClient(environment, { deadline, lane: pacer.lane(region, deadline) });
  let writing = false;
  try {
    const handle = await findBypassSet(client, environment.scope, region, environment.name);
    const snapshot = await readRegexSet(client, environment.scope, handle);
    if (!snapshot.entries.includes(entry)) {
      core.info(
        `Bypass token on ${environment.key} already gone from ${handle.name} (ended by allowlist-off or exit, or never written).`,
      );
      return undefined;
    }
    writing = true;
    const outcome = await writeRegexSet(client, environment.scope, snapshot, (fresh) =>
      fresh.entries.filter((e) => e !== entry),
    );
    const others = outcome.after.entries.length;
    core.info(
      `Bypass token ended on ${environment.key}: removed from ${handle.name}${others > 0 ? ` (${others} other token${others === 1 ? ' stays' : 's stay'})` : ''}.`,
    );
    return undefined;
  } catch (error) {
    const expiresAt = parseEntry(entry).expiresAt!.toISOString();
    const cause = deadline.expired && error !== deadline.expired ? deadline.expired : error;
    // A removal WAF did not refuse may have been applied with its answer lost: say so.
    const stays =
      writing && !isRefusal(error)
        ? `The removal may have been applied (no answer said); if not, the token stays valid until it expires at ${expiresAt}`
        : `The token stays valid until it expires at ${expiresAt}`;
    return (
      `Could not end this job's bypass token on ${environment.key} (${environment.name}-bypass): ${errorMessage(cause)} ` +
      `${stays}; the first command on ${environment.key} after that removes it. To end it now, run allowlist-off on ${environment.key}.`
    );
  } finally {
    deadline.dispose();
    client.destroy();
  }
}
