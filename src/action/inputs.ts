// Every action input, read and validated before anything else runs (nothing is written on bad input).
import * as core from '@actions/core';
import { parseDuration } from '../domain/duration.js';
import { InputError, type Problem } from '../domain/errors.js';
import { parseTimeout } from '../aws/deadline.js';
import type { CommandOptions } from '../front-door/command-options.js';
import { FRONT_DOOR_COMMANDS, type FrontDoorCommand } from '../front-door/validate.js';
import { DEFAULT_CONFIG_PATH } from '../domain/config.js';
import { DEFAULT_BYPASS_TTL, MAX_BYPASS_TTL_MS } from '../domain/bypass-token.js';
import { inputLines } from './list-input.js';
import { parseProbeTimeout } from '../probe/after-command.js';
import { DEFAULT_METRICS_WAIT_MS, parseMetricsWait } from '../front-door/window-cost.js';

/** The command's options (as the CLI's flags give them too), plus what only the action has. */
export interface ActionInputs extends CommandOptions {
  readonly command: FrontDoorCommand;
  readonly configPath: string;
  readonly githubToken: string;
}

/** Reads all inputs; throws one InputError listing every bad input. */
export function readInputs(): ActionInputs {
  // Masked first, so no later log line (even an error) can print it.
  const githubToken = core.getInput('github-token');
  if (githubToken) core.setSecret(githubToken);

  const problems: Problem[] = [];
  const name = core.getInput('command');
  const command = FRONT_DOOR_COMMANDS.find((known) => known === name);
  if (!command) {
    problems.push({
      field: 'input "command"',
      message: `${name ? 'is not a command' : 'is required'}; use one of: ${FRONT_DOOR_COMMANDS.join(', ')}`,
      ...(name ? { value: name } : {}),
    });
  }
  const dryRun = readBoolean('dry-run', problems);
  const probe = core.getInput('probe') === '' ? undefined : readBoolean('probe', problems);
  const verify = readBoolean('verify', problems);
  const probeTimeoutMs = readProblems(problems, () =>
    parseProbeTimeout(core.getInput('probe-timeout'), 'input "probe-timeout"'),
  );
  const bypassToken = readBoolean('bypass-token', problems);
  const bypassTtlMs = readProblems(problems, () =>
    parseDuration(core.getInput('bypass-ttl') || DEFAULT_BYPASS_TTL, {
      field: 'input "bypass-ttl"',
      units: ['m', 'h', 'd'],
      maxMs: MAX_BYPASS_TTL_MS,
    }),
  );
  const timeoutMs = readTimeout(problems);
  const metricsWaitMs = readMetricsWait(problems);
  if (problems.length > 0 || !command) throw new InputError(problems);

  return {
    command,
    environment: core.getInput('environment') || undefined,
    configPath: core.getInput('config') || DEFAULT_CONFIG_PATH,
    // Untrimmed, so that line numbers in messages match what the user wrote.
    allowlist: inputLines(core.getInput('allowlist', { trimWhitespace: false })),
    reason: core.getInput('reason') || undefined,
    duration: core.getInput('duration') || undefined,
    until: core.getInput('until') || undefined,
    dryRun,
    timeoutMs,
    probe,
    probeTimeoutMs: probeTimeoutMs ?? 0,
    verify,
    githubToken,
    metricsWaitMs,
    bypassTtlMs: bypassToken ? bypassTtlMs : undefined,
  };
}

function readTimeout(problems: Problem[]): number {
  const ms = readProblems(problems, () =>
    parseTimeout(core.getInput('timeout'), 'input "timeout"'),
  );
  return ms ?? 0;
}

/** Runs `read`, moving an InputError's problems into `problems` (so every bad input is listed). */
function readProblems<T>(problems: Problem[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

function readMetricsWait(problems: Problem[]): number {
  const raw = core.getInput('metrics-wait');
  if (raw === '') return DEFAULT_METRICS_WAIT_MS;
  try {
    return parseMetricsWait(raw, 'input "metrics-wait"');
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.problems);
    return 0;
  }
}

/** An absent boolean input is false (the runner fills in action.yml's default anyway). */
function readBoolean(name: string, problems: Problem[]): boolean {
  const raw = core.getInput(name);
  if (raw === '') return false;
  try {
    return core.getBooleanInput(name);
  } catch {
    problems.push({
      field: `input "${name}"`,
      message: 'must be true or false',
      value: raw,
    });
    return false;
  }
}
