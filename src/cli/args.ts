// Command-line arguments: `maintenance-action <command> [options]`, parsed with node:util parseArgs.
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG_PATH } from '../domain/config.js';
import { parseDuration } from '../domain/duration.js';
import { DEFAULT_TIMEOUT, MAX_TIMEOUT_MS } from '../aws/deadline.js';
import type { CommandOptions } from '../front-door/command-options.js';
import { FRONT_DOOR_COMMANDS, type FrontDoorCommand } from '../front-door/validate.js';
import { errorMessage } from '../domain/error-message.js';
import { DEFAULT_PROBE_TIMEOUT, parseProbeTimeout } from '../probe/after-command.js';
import { DEFAULT_METRICS_WAIT_MS, parseMetricsWait } from '../front-door/window-cost.js';
import { DEFAULT_BYPASS_TTL, MAX_BYPASS_TTL_MS } from '../domain/bypass-token.js';

/** `calendar` (CLI only): the planned windows, as a table, JSON or an iCalendar file (`--ics`). */
export const CALENDAR = 'calendar';
const CLI_COMMANDS = [...FRONT_DOOR_COMMANDS, CALENDAR] as const;
export type CliCommand = FrontDoorCommand | typeof CALENDAR;

export const USAGE = `Usage: maintenance-action <command> [options]

Commands:
  enter           put the environment into maintenance (visitors see the maintenance page)
  exit            end maintenance (everyone is back)
  allowlist-on    let the configured testers (and --allowlist CIDRs) through
  allowlist-off   shut testers out again, staying in maintenance
  status          show the current state and window (without -e and several environments:
                  the calendar's upcoming windows)
  validate        check the whole config file (every environment); no AWS call, no credentials
  reconcile       every environment: enter calendar windows that have started, exit ended
                  auto-exit ones; exit 1 on any other window past its planned end
  calendar        the calendar's windows; --ics prints them as an iCalendar file
  report          every maintenance window of the last SLO period (all environments, or -e E),
                  with its length, requests turned away and error budget used

Options:
  -e, --environment E   key under environments: (required when it has several); several at once:
                        a comma-separated list, a group from groups:, or all
  -c, --config F        config file (default: ${DEFAULT_CONFIG_PATH}, relative to the current directory)
  -a, --allowlist CIDR  extra tester CIDR for allowlist-on (repeatable)
  -r, --reason TEXT     enter/exit: recorded with the window, shown by status
      --duration D      enter: planned length from now, a number and m, h or d (e.g. 2h)
      --until TIME      enter: planned end, ISO 8601 with offset (e.g. 2026-12-06T04:00:00+01:00)
      --bypass-token    allowlist-on: also issue a bypass token, one per environment (printed
                        once, with the tester link)
      --bypass-ttl D    how long the token lives: a number and m, h or d (default ${DEFAULT_BYPASS_TTL}, at most 5d)
  -n, --dry-run         print the plan, write nothing
  -t, --timeout T       budget for each environment's AWS calls (waits for WAF's write rate not
                        counted): a number and s or m (default ${DEFAULT_TIMEOUT})
      --probe, --no-probe after the switch, visit the environment's url: until visitors see it
                        (default: on when the environment has a url:)
      --probe-timeout T how long the probe waits: a number and s or m (default ${DEFAULT_PROBE_TIMEOUT})
      --verify          with status: probe the site and check the web ACL (web-acl: in the config)
      --metrics-wait T  at exit, wait up to T (e.g. 20s, 0s) for the window's last minutes
                        in CloudWatch before reporting what it cost (default 20s, at most 5m)
      --json            print the report (or the error, with its problems) as JSON
      --ics             calendar: print an iCalendar (RFC 5545) file
  -h, --help            show this help

AWS credentials come from the standard chain (environment, profile, SSO...); the region is
the environment's (us-east-1 for CLOUDFRONT).`;

/** The command's options (as the action's inputs give them too), plus what only the CLI has. */
export interface CliArgs extends CommandOptions {
  readonly command: CliCommand;
  readonly config: string;
  readonly json: boolean;
  /** `calendar --ics`: an iCalendar file instead of the table. */
  readonly ics: boolean;
}

export type ParsedArgs = { readonly help: true } | ({ readonly help: false } & CliArgs);

/** Wrong arguments: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      options: {
        environment: { type: 'string', short: 'e' },
        config: { type: 'string', short: 'c' },
        allowlist: { type: 'string', short: 'a', multiple: true },
        reason: { type: 'string', short: 'r' },
        duration: { type: 'string' },
        until: { type: 'string' },
        'dry-run': { type: 'boolean', short: 'n' },
        timeout: { type: 'string', short: 't' },
        probe: { type: 'boolean' },
        'probe-timeout': { type: 'string' },
        verify: { type: 'boolean' },
        'bypass-token': { type: 'boolean' },
        'bypass-ttl': { type: 'string' },
        json: { type: 'boolean' },
        ics: { type: 'boolean' },
        'metrics-wait': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };

  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError('Missing command.');
  const command = CLI_COMMANDS.find((known) => known === name);
  if (!command) {
    throw new UsageError(`Unknown command '${name}'; use one of: ${CLI_COMMANDS.join(', ')}.`);
  }
  if (extra.length > 0) throw new UsageError(`Unexpected argument '${extra[0]}'.`);
  let probeTimeoutMs: number;
  try {
    probeTimeoutMs = parseProbeTimeout(values['probe-timeout'], '--probe-timeout');
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  let ttlMs: number;
  try {
    ttlMs = parseDuration(values['bypass-ttl'] ?? DEFAULT_BYPASS_TTL, {
      field: '--bypass-ttl',
      units: ['m', 'h', 'd'],
      maxMs: MAX_BYPASS_TTL_MS,
    });
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }

  return {
    help: false,
    command,
    environment: values.environment,
    config: values.config ?? DEFAULT_CONFIG_PATH,
    allowlist: values.allowlist ?? [],
    reason: values.reason,
    duration: values.duration,
    until: values.until,
    dryRun: values['dry-run'] ?? false,
    timeoutMs: timeoutOf(values.timeout),
    probe: values.probe,
    probeTimeoutMs,
    verify: values.verify ?? false,
    json: values.json ?? false,
    ics: values.ics ?? false,
    metricsWaitMs: metricsWait(values['metrics-wait']),
    bypassTtlMs: values['bypass-token'] ? ttlMs : undefined,
  };
}

function timeoutOf(text: string | undefined): number {
  try {
    return parseDuration(text ?? DEFAULT_TIMEOUT, {
      field: '--timeout',
      units: ['s', 'm'],
      maxMs: MAX_TIMEOUT_MS,
    });
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

function metricsWait(text: string | undefined): number {
  if (text === undefined) return DEFAULT_METRICS_WAIT_MS;
  try {
    return parseMetricsWait(text, '--metrics-wait');
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}
