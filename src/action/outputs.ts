// The step outputs a workflow can branch on.
import * as core from '@actions/core';
import type { CommandReport } from '../engine/report.js';

export function setOutputs(report: CommandReport): void {
  core.setOutput('state', report.state);
  core.setOutput('previous-state', report.previousState);
  core.setOutput('changed', report.changed ? 'true' : 'false');
  core.setOutput('since', report.window?.since ?? '');
  core.setOutput('allowlist', report.allowlist.join(','));
}
