// The action: read inputs, load the config, run the command, report. No WAF logic here.
import * as core from '@actions/core';
import { errorMessage } from '../domain/error-message.js';
import type { Invoker } from '../domain/invoker.js';
import { COMMANDS } from '../domain/types.js';
import { stateReadBy } from '../engine/state-read-by.js';
import {
  prepareCommand,
  runPreparedCommand,
  type ConfiguredCommand,
  type PreparedCommand,
} from '../front-door/configured-command.js';
import { manyEnvironments, prepareMany, runMany } from '../front-door/many-environments.js';
import { manyFailureMessage, renderManyMarkdown, renderManyText } from '../report/many-section.js';
import { REPORT_COMMAND, runPeriodReport } from '../front-door/period-report.js';
import { renderPeriodMarkdown } from '../report/period-section.js';
import { renderFailureMarkdown, renderMarkdown } from '../report/markdown.js';
import { probeFailureMessage } from '../report/probe-section.js';
import { renderText } from '../report/text.js';
import { formatProblem, problemsOf } from '../domain/errors.js';
import { RECONCILE, validateConfig, VALIDATE } from '../front-door/validate.js';
import { renderValidationMarkdown } from '../report/validation-markdown.js';
import { validationSummary } from '../report/validation-summary.js';
import { annotateProblem } from './annotations.js';
import { HELD_TOKEN_STATE, encodeHeldTokens } from '../post/held-token.js';
import { readConfigFile, type ConfigFile, type RepositoryRef } from './config-file.js';
import { readInputs, type ActionInputs } from './inputs.js';
import {
  setBypassOutputs,
  setBypassTokensOutput,
  setManyOutputs,
  setOutputs,
  setFailedResults,
  setOutputsAfterFailedWrites,
  setReconcileOutputs,
} from './outputs.js';
import { runReconcile } from '../front-door/reconcile.js';
import { calendarListing, wantsCalendar } from '../front-door/calendar.js';
import { renderReconcileMarkdown, renderReconcileText } from '../report/reconcile-report.js';
import { renderCalendarMarkdown, renderCalendarText } from '../report/calendar-report.js';

export async function run(): Promise<void> {
  // Names a failure in the summary, even one caused by the inputs themselves.
  const title = [core.getInput('command') || 'command', core.getInput('environment')]
    .join(' ')
    .trim();
  // Which environments `results` names if the command fails before it reports: as given, until
  // the config says which (a group, `all`, the only environment).
  const given = core
    .getInput('environment')
    .split(/[,\n]/)
    .map((key) => key.trim())
    .filter(Boolean);
  let keys: readonly (string | null)[] = given.length > 0 ? given : [null];
  try {
    const inputs = readInputs();
    const env = process.env;
    const file = await readConfigFile(
      inputs.configPath,
      env.GITHUB_WORKSPACE,
      inputs.githubToken,
      repositoryRef(env),
    );
    core.info(`Config: ${file.origin}`);
    if (inputs.command === VALIDATE) {
      await validate(file.text, file.file);
      return;
    }
    const invoker = invokerFrom(env, file.file);
    if (inputs.command === RECONCILE) {
      await reconcile(file.text, file.file, inputs, invoker);
      return;
    }
    if (inputs.command === 'status' && wantsCalendar(file, inputs.environment)) {
      await calendar(file);
      return;
    }
    if (inputs.command === REPORT_COMMAND) {
      const period = await runPeriodReport({
        configText: file.text,
        configFile: file.file,
        environment: inputs.environment,
        invoker,
      });
      const markdown = renderPeriodMarkdown(period);
      for (const line of markdown.split('\n')) core.info(line);
      await writeSummary(markdown);
      return;
    }
    const configured: ConfiguredCommand = {
      command: inputs.command,
      configText: file.text,
      configFile: file.file,
      environment: inputs.environment,
      extraAllowlist: inputs.allowlist,
      extraAllowlistSource: 'input "allowlist"',
      reason: inputs.reason,
      duration: inputs.duration,
      until: inputs.until,
      plannedEndNames: { duration: 'input "duration"', until: 'input "until"' },
      dryRun: inputs.dryRun,
      timeoutMs: inputs.timeoutMs,
      probe: inputs.probe,
      probeTimeoutMs: inputs.probeTimeoutMs,
      verify: inputs.verify,
      invoker,
      metricsWaitMs: inputs.metricsWaitMs,
      bypassTtlMs: inputs.bypassTtlMs,
      log: (line) => core.info(line),
      warn: (line) => core.warning(line),
      warnConfig: (problem) => annotateProblem(problem, 'warning'),
    };
    const many = manyEnvironments(file, inputs.environment);
    if (many) {
      keys = many;
      await runManyAction(configured, many, invoker, title);
      return;
    }
    const prepared = prepareCommand(configured);
    keys = [prepared.request.environment.key];
    const token = prepared.bypassToken;
    holdTokens([prepared], inputs.dryRun);
    const report = await runPreparedCommand(prepared, (line) => core.warning(line));

    setOutputs(report);
    if (token && !report.dryRun) setBypassOutputs(report.environment.key, token);
    for (const line of renderText(report, invoker).split('\n')) core.info(line);
    if (token && !report.dryRun) {
      core.info(
        `Bypass token issued (output bypass-token, masked), valid until ${token.expiresAt.toISOString()}${token.url ? `; tester link in output bypass-url` : ''}.`,
      );
    }
    // Visitors do not see the switch: the step fails, after reporting what was switched.
    const probeFailure = probeFailureMessage(report);
    await writeSummary(
      renderMarkdown(report, invoker) +
        (probeFailure ? `\n${renderFailureMarkdown(title, probeFailure)}` : ''),
    );
    if (probeFailure) core.setFailed(probeFailure);
  } catch (error) {
    const read = stateReadBy(error);
    if (read) setOutputsAfterFailedWrites(read);
    const message = errorMessage(error);
    if (actsOnEnvironments(core.getInput('command'))) setFailedResults(keys, message, read);
    // Config problems also go on their file and line, where a pull request shows them.
    for (const problem of problemsOf(error)) {
      if (problem.line !== undefined) annotateProblem(problem, 'error');
    }
    await writeSummary(renderFailureMarkdown(title, message));
    core.setFailed(message);
  }
}

/** Several environments (a list, a group, `all`): one table; the step fails when any failed. */
async function runManyAction(
  configured: ConfiguredCommand,
  keys: readonly string[],
  invoker: Invoker,
  title: string,
): Promise<void> {
  const prepared = prepareMany(configured, keys);
  holdTokens(prepared, configured.dryRun);
  const report = await runMany(configured.command, prepared, (line) => core.warning(line));
  setManyOutputs(report);
  const issued = report.results.flatMap(({ key, bypassToken: token }) =>
    token ? [{ key, token }] : [],
  );
  setBypassTokensOutput(issued);
  for (const line of renderManyText(report, invoker).split('\n')) core.info(line);
  if (issued.length > 0) {
    core.info(
      `Bypass tokens issued for ${issued.map((i) => i.key).join(', ')} (output bypass-tokens, JSON by environment, masked), valid until ${earliest(issued.map((i) => i.token.expiresAt)).toISOString()}.`,
    );
  }
  const failure = manyFailureMessage(report);
  await writeSummary(
    renderManyMarkdown(report, invoker) +
      (failure ? `\n${renderFailureMarkdown(title, failure)}` : ''),
  );
  if (failure) core.setFailed(failure);
}

/**
 * Masks every token allowlist-on is about to add (before anything can print one) and saves them
 * for the post step BEFORE they are written, so a job cancelled between the two still has its
 * tokens removed. Dry-run writes nothing, so holds nothing.
 */
function holdTokens(prepared: readonly PreparedCommand[], dryRun: boolean): void {
  const held = prepared.flatMap(({ request, bypassToken: token }) =>
    token ? [{ environment: request.environment, token }] : [],
  );
  for (const { token } of held) core.setSecret(token.token);
  if (held.length > 0 && !dryRun) core.saveState(HELD_TOKEN_STATE, encodeHeldTokens(held));
}

function earliest(dates: readonly Date[]): Date {
  return new Date(Math.min(...dates.map((d) => d.getTime())));
}

/** `reconcile`: one error annotation per overrun window (or environment it could not reconcile). */
async function reconcile(
  text: string,
  file: string,
  inputs: ActionInputs,
  invoker: Invoker,
): Promise<void> {
  const report = await runReconcile({
    environment: inputs.environment,
    configText: text,
    configFile: file,
    dryRun: inputs.dryRun,
    timeoutMs: inputs.timeoutMs,
    invoker,
    log: (line) => core.info(line),
    warn: (line) => core.warning(line),
    warnConfig: (problem) => annotateProblem(problem, 'warning'),
  });
  setReconcileOutputs(report);
  for (const line of renderReconcileText(report).split('\n')) core.info(line);
  await writeSummary(renderReconcileMarkdown(report));
  for (const error of report.errors) core.error(error);
  if (report.errors.length > 0) {
    core.setFailed(
      `reconcile: ${report.errors.length} environment${report.errors.length === 1 ? '' : 's'} need${report.errors.length === 1 ? 's' : ''} a person (see the errors above).`,
    );
  }
}

/** `status` without an environment in a file with several: the calendar's upcoming windows. */
async function calendar(file: ConfigFile): Promise<void> {
  const listing = calendarListing(file, new Date(), (problem) =>
    annotateProblem(problem, 'warning'),
  );
  for (const line of renderCalendarText(listing).split('\n')) core.info(line);
  await writeSummary(renderCalendarMarkdown(listing));
}

/** `validate`: every problem in the file as an annotation; fails when there is one. */
async function validate(text: string, file: string): Promise<void> {
  const validation = validateConfig(text, file);
  for (const problem of validation.problems) annotateProblem(problem, 'error');
  const summary = validationSummary(validation);
  await writeSummary(renderValidationMarkdown(validation));
  if (validation.problems.length > 0) {
    core.setFailed(`${summary}\n${validation.problems.map(formatProblem).join('\n')}`);
  } else {
    for (const line of [summary, ...validation.notes]) core.info(line);
  }
}

/** enter, exit, status, allowlist-on, allowlist-off: the commands whose outputs say `results`. */
function actsOnEnvironments(command: string): boolean {
  return (COMMANDS as readonly string[]).includes(command);
}

function repositoryRef(env: NodeJS.ProcessEnv): RepositoryRef | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || !env.GITHUB_SHA) return undefined;
  return { owner, repo, ref: env.GITHUB_SHA };
}

function invokerFrom(env: NodeJS.ProcessEnv, configFile: string): Invoker {
  const run = `${env.GITHUB_REPOSITORY ?? 'unknown'}/actions/runs/${env.GITHUB_RUN_ID ?? '0'}`;
  // GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/file.yml@refs/heads/main
  const workflow = /^[^/]+\/[^/]+\/(.+?)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')?.[1];
  return {
    actor: env.GITHUB_ACTOR || 'unknown',
    run,
    ...(env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? { runUrl: `${env.GITHUB_SERVER_URL || 'https://github.com'}/${run}` }
      : {}),
    ...(workflow ? { workflow } : {}),
    configFile,
  };
}

/** The summary is best effort: outside a runner there is no GITHUB_STEP_SUMMARY file. */
async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`);
  }
}
