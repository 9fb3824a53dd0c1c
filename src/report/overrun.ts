// The overrun warning: a window past its planned end is an outage nobody planned, so every
// command on its environment says so, with who opened it, when, the run, and how to end it.
import type { WindowTiming } from '../domain/planned-end.js';
import type { Environment } from '../domain/types.js';
import type { MaintenanceWindow } from '../domain/window.js';
import { formatDuration } from './format.js';

const GITHUB_RUN = /^[\w.-]+\/[\w.-]+\/actions\/runs\/\d+$/;

/** A link to the run when it is a GitHub Actions run (`owner/repo/actions/runs/N`), else the run as recorded. */
export function runLink(run: string, serverUrl = 'https://github.com'): string {
  return GITHUB_RUN.test(run) ? `${serverUrl.replace(/\/+$/, '')}/${run}` : run;
}

/** The CLI command that ends the window; the action's equivalent is `command: exit`. */
export function exitCommand(environment: Environment, configFile: string): string {
  return `maintenance-action exit --environment ${environment.key} --config ${configFile}`;
}

const BASIS: Record<WindowTiming['basis'], string> = {
  planned: 'its planned end',
  calendar: "its calendar window's end",
  'max-duration': "the environment's max-duration",
};

export function overrunWarning(
  environment: Environment,
  window: MaintenanceWindow,
  timing: WindowTiming,
  configFile: string,
): string {
  return [
    `Maintenance on ${environment.key} overran ${BASIS[timing.basis]} (${timing.plannedEnd}) by ${formatDuration(timing.lateByMs)}.`,
    `Opened by ${window.actor} at ${window.since} in ${runLink(window.run)}${window.reason ? ` (reason: ${window.reason})` : ''}.`,
    `To end it: ${exitCommand(environment, configFile)} (in a workflow: this action with command: exit, environment: ${environment.key}).`,
    `To keep it, give it a new end: enter with duration or until.`,
  ].join(' ');
}
