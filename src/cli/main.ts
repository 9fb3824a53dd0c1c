// The CLI: parse arguments, load the config, run the command, print a table or JSON.
// Returns the exit code: 0 ok, 1 the command failed, 2 usage error.
import { readFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import {
  prepareCommand,
  runPreparedCommand,
  type ConfiguredCommand,
} from '../front-door/configured-command.js';
import { issuedTokensJson } from '../front-door/issue-bypass-token.js';
import { manyEnvironments, prepareMany, runMany } from '../front-door/many-environments.js';
import { manyFailureMessage, renderManyText, resultsJson } from '../report/many-section.js';
import { BYPASS_COOKIE, BYPASS_HEADER } from '../domain/bypass-token.js';
import { errorMessage } from '../domain/error-message.js';
import type { Invoker } from '../domain/invoker.js';
import { REPORT_COMMAND, runPeriodReport } from '../front-door/period-report.js';
import { renderPeriodMarkdown } from '../report/period-section.js';
import { probeFailureMessage } from '../report/probe-section.js';
import { renderText } from '../report/text.js';
import { formatProblem } from '../domain/errors.js';
import { RECONCILE, validateConfig, VALIDATE } from '../front-door/validate.js';
import { validationSummary } from '../report/validation-summary.js';
import { CALENDAR, parseCliArgs, USAGE, UsageError, type CliArgs } from './args.js';
import { runReconcile } from '../front-door/reconcile.js';
import { calendarListing, wantsCalendar } from '../front-door/calendar.js';
import { renderReconcileText } from '../report/reconcile-report.js';
import { renderCalendarText } from '../report/calendar-report.js';
import { renderIcs } from '../report/ics.js';
import { errorJson, manyErrorJson } from './error-json.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`maintenance-action: ${error.message}\n\n${USAGE}\n`);
    // The flags did not parse, so --json is taken as written.
    if (argv.includes('--json')) io.stdout(`${JSON.stringify(errorJson(error), null, 2)}\n`);
    return EXIT_USAGE;
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }

  try {
    const text = await readConfigFile(resolve(io.cwd, args.config), args.config);
    if (args.command === VALIDATE) return validate(text, args, io);
    const invoker = { ...localInvoker(), configFile: args.config };
    if (args.command === RECONCILE) return await reconcile(text, args, invoker, io);
    if (
      args.command === CALENDAR ||
      (args.command === 'status' && wantsCalendar({ text, file: args.config }, args.environment))
    ) {
      return calendar(text, args, io);
    }
    if (args.command === REPORT_COMMAND) {
      const period = await runPeriodReport({
        configText: text,
        configFile: args.config,
        environment: args.environment,
        invoker,
      });
      io.stdout(
        args.json ? `${JSON.stringify(period, null, 2)}\n` : `${renderPeriodMarkdown(period)}\n`,
      );
      return EXIT_OK;
    }
    // Progress and warnings go to stderr so that stdout stays the table or the JSON.
    const warn = (line: string): void => io.stderr(`warning: ${line}\n`);
    const configured: ConfiguredCommand = {
      command: args.command,
      configText: text,
      configFile: args.config,
      environment: args.environment,
      extraAllowlist: args.allowlist,
      extraAllowlistSource: '--allowlist',
      reason: args.reason,
      duration: args.duration,
      until: args.until,
      plannedEndNames: { duration: '--duration', until: '--until' },
      dryRun: args.dryRun,
      timeoutMs: args.timeoutMs,
      probe: args.probe,
      probeTimeoutMs: args.probeTimeoutMs,
      verify: args.verify,
      invoker,
      metricsWaitMs: args.metricsWaitMs,
      bypassTtlMs: args.bypassTtlMs,
      log: (line) => io.stderr(`${line}\n`),
      warn,
    };
    const many = manyEnvironments({ text, file: args.config }, args.environment);
    if (many) return await runManyCli(configured, many, invoker, args.json, io);
    const prepared = prepareCommand(configured);
    const report = await runPreparedCommand(prepared, warn);
    // The token is printed once, here, and only once it is really in the set.
    const token = report.dryRun ? undefined : prepared.bypassToken;
    if (args.json) {
      const issued = token && {
        bypassToken: token.token,
        bypassUrl: token.url ?? null,
        bypassExpiresAt: token.expiresAt.toISOString(),
      };
      io.stdout(`${JSON.stringify({ ...report, ...issued }, null, 2)}\n`);
    } else {
      io.stdout(`${renderText(report, invoker)}\n`);
      if (token) {
        io.stdout(
          `\nBypass token (shown once, valid until ${token.expiresAt.toISOString()}):\n  ${token.token}\n` +
            `Send it as header ${BYPASS_HEADER} or cookie ${BYPASS_COOKIE}` +
            (token.url ? `, or open the tester link:\n  ${token.url}\n` : '.\n'),
        );
      }
    }
    // Visitors do not see the switch: exit 1 after printing what was switched.
    const probeFailure = probeFailureMessage(report);
    if (probeFailure) {
      io.stderr(`maintenance-action: ${probeFailure}\n`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  } catch (error) {
    io.stderr(`maintenance-action: ${errorMessage(error)}\n`);
    if (args.json) io.stdout(`${JSON.stringify(errorJson(error), null, 2)}\n`);
    return EXIT_FAILED;
  }
}

/** Several environments (a list, a group, `all`): one table, exit 1 when any failed. */
async function runManyCli(
  configured: ConfiguredCommand,
  keys: readonly string[],
  invoker: Invoker,
  json: boolean,
  io: CliIo,
): Promise<number> {
  const report = await runMany(configured.command, prepareMany(configured, keys), configured.warn);
  // Each token is printed once, here, and only once it is really in its set.
  const issued = report.results.flatMap(({ key, bypassToken: token }) =>
    token ? [{ key, token }] : [],
  );
  const failure = manyFailureMessage(report);
  if (json) {
    const tokens = issued.length > 0 ? { bypassTokens: issuedTokensJson(issued) } : {};
    // On a failure, the documented `error` first, then every environment's result as on success.
    const output = {
      ...(failure ? manyErrorJson(report, failure) : {}),
      state: report.state,
      previousState: report.previousState,
      ...(report.dryRun ? { plannedState: report.plannedState } : {}),
      changed: report.changed === 'unknown' ? null : report.changed,
      results: resultsJson(report),
      reports: report.results.map((r) => r.report ?? null),
      ...tokens,
    };
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    io.stdout(`${renderManyText(report, invoker)}\n`);
    if (issued.length > 0) {
      io.stdout(
        `\nBypass tokens (shown once; send one as header x-maintenance-bypass or cookie maintenance_bypass to its environment):\n` +
          issued
            .map(
              ({ key, token }) =>
                `  ${key} (valid until ${token.expiresAt.toISOString()}): ${token.token}\n` +
                (token.url ? `    tester link: ${token.url}\n` : ''),
            )
            .join(''),
      );
    }
  }
  if (failure) io.stderr(`maintenance-action: ${failure}\n`);
  return failure ? EXIT_FAILED : EXIT_OK;
}

/** `reconcile`: the table (or JSON) on stdout, one error per overrun window on stderr, exit 1 then. */
async function reconcile(
  text: string,
  args: CliArgs,
  invoker: Invoker,
  io: CliIo,
): Promise<number> {
  const report = await runReconcile({
    environment: args.environment,
    configText: text,
    configFile: args.config,
    dryRun: args.dryRun,
    timeoutMs: args.timeoutMs,
    invoker,
    log: (line) => io.stderr(`${line}\n`),
    warn: (line) => io.stderr(`warning: ${line}\n`),
  });
  io.stdout(
    args.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderReconcileText(report)}\n`,
  );
  for (const error of report.errors) io.stderr(`error: ${error}\n`);
  return report.errors.length > 0 ? EXIT_FAILED : EXIT_OK;
}

/** `calendar` (and `status` with no environment): upcoming windows; `--ics` every window as iCalendar. */
function calendar(text: string, args: CliArgs, io: CliIo): number {
  const listing = calendarListing({ text, file: args.config }, new Date(), (problem) =>
    io.stderr(`warning: ${formatProblem(problem)}\n`),
  );
  if (args.ics) io.stdout(renderIcs(listing.all, new Date(listing.generatedAt)));
  else if (args.json) io.stdout(`${JSON.stringify(listing, null, 2)}\n`);
  else io.stdout(`${renderCalendarText(listing)}\n`);
  return EXIT_OK;
}

/** `validate`: the problems on stderr (file:line:column), exit 1 when there is one. */
function validate(text: string, args: CliArgs, io: CliIo): number {
  const validation = validateConfig(text, args.config);
  const summary = validationSummary(validation);
  const lines = validation.problems.map((problem) => formatProblem(problem));
  if (args.json) {
    io.stdout(`${JSON.stringify({ valid: lines.length === 0, ...validation }, null, 2)}\n`);
  }
  if (lines.length > 0) io.stderr(`${[summary, ...lines].join('\n')}\n`);
  else if (!args.json) io.stdout(`${[summary, ...validation.notes].join('\n')}\n`);
  return lines.length > 0 ? EXIT_FAILED : EXIT_OK;
}

async function readConfigFile(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(`${shown}: config file not found (looked at ${path}); pass --config.`, {
        cause: error,
      });
    }
    if (code === 'EISDIR') {
      throw new Error(
        `${shown}: is a directory (${path}), not a config file; pass the file itself with --config, e.g. --config ${join(shown, 'maintenance.yml')}.`,
        { cause: error },
      );
    }
    throw new Error(`${shown}: could not read the config file (${errorMessage(error)}).`, {
      cause: error,
    });
  }
}

/** Who runs the CLI: `user@host`, recorded with the window like a GitHub actor. */
function localInvoker(): Invoker {
  const host = hostname();
  return { actor: `${userInfo().username}@${host}`, run: `cli@${host}` };
}
