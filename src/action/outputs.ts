// The step outputs a workflow can branch on.
import * as core from '@actions/core';
import type { CommandReport } from '../engine/report.js';
import { probeOutputs } from '../report/probe-section.js';
import type { ReconcileReport } from '../front-door/reconcile.js';
import { costOutputs } from '../report/cost-section.js';
import { issuedTokensJson, type IssuedBypassToken } from '../front-door/issue-bypass-token.js';
import type { StateRead } from '../engine/state-read-by.js';
import type { ManyReport } from '../front-door/many-environments.js';
import {
  failedResultsJson,
  manyOutputValues,
  resultEntry,
  resultsJson,
} from '../report/many-section.js';

export function setOutputs(report: CommandReport): void {
  core.setOutput('state', report.state);
  core.setOutput('planned-state', report.plannedState ?? report.state);
  core.setOutput('previous-state', report.previousState);
  core.setOutput('changed', report.changed ? 'true' : 'false');
  core.setOutput('since', report.window?.since ?? '');
  core.setOutput('planned-end', report.schedule?.open?.plannedEnd ?? '');
  core.setOutput('overrun', report.schedule?.open?.overrun ? 'true' : 'false');
  core.setOutput('allowlist', report.allowlist.join(','));
  const probe = probeOutputs(report);
  core.setOutput('probe-seconds', probe.seconds);
  core.setOutput('probe-result', probe.result);
  const cost = costOutputs(report);
  core.setOutput('turned-away', cost.turnedAway);
  core.setOutput('turned-away-share', cost.share);
  core.setOutput('error-budget-used', cost.budgetUsed);
  const { key } = report.environment;
  const entry = { key, report, state: report.state, previousState: report.previousState };
  core.setOutput('results', JSON.stringify([resultEntry({ ...entry, changed: report.changed })]));
}

/**
 * Several environments: the common state (or `mixed`), whether any changed, the one-environment
 * outputs as common values (see manyOutputValues), and one entry each in `results`.
 */
export function setManyOutputs(report: ManyReport): void {
  core.setOutput('state', report.state);
  core.setOutput('previous-state', report.previousState);
  core.setOutput('changed', String(report.changed));
  const values = manyOutputValues(report);
  core.setOutput('planned-state', values.plannedState);
  core.setOutput('since', values.since);
  core.setOutput('planned-end', values.plannedEnd);
  core.setOutput('overrun', values.overrun);
  core.setOutput('allowlist', values.allowlist);
  core.setOutput('probe-result', values.probeResult);
  core.setOutput('probe-seconds', values.probeSeconds);
  core.setOutput('results', JSON.stringify(resultsJson(report)));
}

/**
 * A command that failed before it could report (bad input, a failed write): `results` still
 * holds one entry per environment with the error, so `fromJSON(steps.x.outputs.results)` works.
 */
export function setFailedResults(
  keys: readonly (string | null)[],
  message: string,
  read: StateRead | undefined,
): void {
  core.setOutput('results', JSON.stringify(failedResultsJson(keys, message, read)));
}

/** reconcile: whether it switched anything, and whether any window is past its planned end. */
export function setReconcileOutputs(report: ReconcileReport): void {
  core.setOutput('changed', report.changed ? 'true' : 'false');
  core.setOutput('overrun', report.environments.some((o) => o.overrun) ? 'true' : 'false');
}

/** The token allowlist-on added (already masked): only once it is really in the set. */
export function setBypassOutputs(key: string, token: IssuedBypassToken): void {
  core.setOutput('bypass-token', token.token);
  core.setOutput('bypass-url', token.url ?? '');
  setBypassTokensOutput([{ key, token }]);
}

/** Every token in its set (each already masked), by environment: `bypass-tokens`. */
export function setBypassTokensOutput(
  issued: readonly { readonly key: string; readonly token: IssuedBypassToken }[],
): void {
  if (issued.length > 0) core.setOutput('bypass-tokens', JSON.stringify(issuedTokensJson(issued)));
}

/** After writes failed: the state the sets are really in, so a later step can branch on it. */
export function setOutputsAfterFailedWrites(read: StateRead): void {
  core.setOutput('state', read.state);
  core.setOutput('previous-state', read.previousState);
  core.setOutput('changed', String(read.changed));
}
