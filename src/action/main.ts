// The action: read inputs, load the config, run the command, report. No WAF logic here.
import * as core from '@actions/core';
import { allowlistFor, parseConfig, selectEnvironment } from '../domain/config.js';
import { runCommand } from '../engine/run-command.js';
import type { Invoker } from '../report/facts.js';
import { renderFailureMarkdown, renderMarkdown } from '../report/markdown.js';
import { renderText } from '../report/text.js';
import { readConfigSource, type RepositoryRef } from './config-source.js';
import { readInputs } from './inputs.js';
import { setOutputs } from './outputs.js';
import { errorMessage } from '../report/error-message.js';

export async function run(): Promise<void> {
  let title = core.getInput('command') || 'command';
  try {
    const inputs = readInputs();
    const env = process.env;
    const source = await readConfigSource(
      inputs.configPath,
      env.GITHUB_WORKSPACE,
      inputs.githubToken,
      repositoryRef(env),
    );
    core.info(`Config: ${source.origin}`);
    const config = parseConfig(source.text, source.file);
    const environment = selectEnvironment(config, inputs.environment);
    title = `${inputs.command} ${environment.key}`;
    const allowlist = allowlistFor(config, environment, inputs.allowlist, 'input "allowlist"');
    const invoker = invokerFrom(env);

    const report = await runCommand({
      command: inputs.command,
      environment,
      allowlist,
      ...(inputs.reason !== undefined ? { reason: inputs.reason } : {}),
      dryRun: inputs.dryRun,
      ...invoker,
    });

    setOutputs(report);
    for (const line of renderText(report, invoker).split('\n')) core.info(line);
    await writeSummary(renderMarkdown(report, invoker));
  } catch (error) {
    const message = errorMessage(error);
    await writeSummary(renderFailureMarkdown(title, message));
    core.setFailed(message);
  }
}

function repositoryRef(env: NodeJS.ProcessEnv): RepositoryRef | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || !env.GITHUB_SHA) return undefined;
  return { owner, repo, ref: env.GITHUB_SHA };
}

function invokerFrom(env: NodeJS.ProcessEnv): Invoker {
  return {
    actor: env.GITHUB_ACTOR || 'unknown',
    run: `${env.GITHUB_REPOSITORY ?? 'unknown'}/actions/runs/${env.GITHUB_RUN_ID ?? '0'}`,
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
