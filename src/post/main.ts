// The action's post step: when the job ends (success, failure or cancellation) it removes the
// bypass token its main step issued: that exact entry, with the set's lock token, re-reading on
// a conflict so other jobs' tokens stay.
import * as core from '@actions/core';
import { createWafClient, regionFor } from '../aws/client.js';
import { findBypassSet, readRegexSet, writeRegexSet } from '../aws/regex-pattern-sets.js';
import { errorMessage } from '../domain/error-message.js';
import { parseEntry } from '../domain/bypass-token.js';
import { decodeHeldToken, HELD_TOKEN_STATE, type HeldToken } from './held-token.js';

export async function runPost(): Promise<void> {
  let held: HeldToken | undefined;
  try {
    held = decodeHeldToken(core.getState(HELD_TOKEN_STATE));
  } catch (error) {
    core.setFailed(errorMessage(error));
    return;
  }
  if (!held) {
    core.info('This step issued no bypass token; nothing to end.');
    return;
  }
  // The entry is the token with anchors: masked, so no message below can print it.
  core.setSecret(held.entry.slice(1, -1));
  const { environment, entry } = held;
  const expiresAt = parseEntry(entry).expiresAt!.toISOString();
  const client = createWafClient(environment);
  try {
    const handle = await findBypassSet(
      client,
      environment.scope,
      regionFor(environment),
      environment.name,
    );
    const snapshot = await readRegexSet(client, environment.scope, handle);
    if (!snapshot.entries.includes(entry)) {
      core.info(
        `Bypass token already gone from ${handle.name} (ended by allowlist-off or exit, or never written).`,
      );
      return;
    }
    const outcome = await writeRegexSet(client, environment.scope, snapshot, (fresh) =>
      fresh.entries.filter((e) => e !== entry),
    );
    const others = outcome.after.entries.length;
    core.info(
      `Bypass token ended: removed from ${handle.name}${others > 0 ? ` (${others} other token${others === 1 ? ' stays' : 's stay'})` : ''}.`,
    );
  } catch (error) {
    core.setFailed(
      `Could not end this job's bypass token on ${environment.key} (${environment.name}-bypass): ${errorMessage(error)} ` +
        `The token stays valid until it expires at ${expiresAt}; the first command on ${environment.key} after that removes it. To end it now, run allowlist-off.`,
    );
  } finally {
    client.destroy();
  }
}
