// The probe's part of every rendering: its facts (summary, log, CLI table) and, when visitors did
// not see the switch in time, the message the step fails with.
import type { ProbeReport, TargetReport } from '../domain/probe.js';
import type { CommandReport } from '../engine/report.js';
import type { Fact } from './facts.js';

function who(target: TargetReport): string {
  return target.as === 'tester' ? ' (as the tester, with the bypass token)' : '';
}

function seenLine(target: TargetReport): string {
  const runs = target.seen
    .map((run) => `+${run.atSeconds} s ${run.answer}${run.times > 1 ? ` x${run.times}` : ''}`)
    .join('; ');
  const verdict = target.held
    ? `held from +${target.heldFromSeconds} s`
    : `never held; expected ${target.expected}`;
  return `${target.url}${who(target)}: ${runs || 'not polled'}; ${verdict}`;
}

function headlineOf(probe: ProbeReport): string {
  if (probe.result === 'skipped') return `skipped: ${probe.skipped ?? 'not run'}`;
  const after =
    probe.countedFrom === 'last write' ? 'after the last write' : 'after the probe began';
  const rule = `${probe.consecutive ?? 3} polls in a row`;
  return probe.result === 'ok'
    ? `ok: visitors see the change ${probe.seconds} s ${after} (${rule})`
    : `timeout: not seen on every URL within ${probe.timeoutSeconds} s ${after} (${rule})`;
}

export function probeFacts(report: CommandReport): Fact[] {
  const probe = report.probe;
  if (!probe) return [];
  const facts: Fact[] = [
    { label: 'Probe', lines: [headlineOf(probe), ...probe.targets.map(seenLine)] },
  ];
  if (probe.webAcl) facts.push({ label: 'Web ACL', lines: probe.webAcl.findings });
  return facts;
}

/** `probe-seconds` and `probe-result`, as the action's outputs carry them. */
export function probeOutputs(report: CommandReport): { seconds: string; result: string } {
  const probe = report.probe;
  return {
    seconds: probe?.seconds !== undefined ? String(probe.seconds) : '',
    result: probe?.result ?? 'skipped',
  };
}

const CAUSES = {
  maintenance: [
    'the rule group is not referenced by the web ACL that serves this host (or the host is served by another web ACL)',
    'the rule group is referenced at a priority below an Allow rule, which lets requests through first',
    'a CDN in front caches the page and serves it without asking the origin',
    'propagation is still running: WAF takes a few seconds to a few minutes to apply an IP set change everywhere',
  ],
  site: [
    'a CDN in front caches the 503 maintenance answer',
    'propagation is still running: WAF takes a few seconds to a few minutes to apply an IP set change everywhere',
    'another maintenance rule group on the same web ACL (another environment) is still in maintenance',
  ],
  tester: [
    'propagation of the bypass token is still running (WAF takes seconds to minutes)',
    'the rule group predates bypass tokens: apply the current Terraform module',
    'a CDN in front caches the 503 maintenance answer for everyone',
  ],
} as const;

/** The failure, or undefined when the probe did not time out. */
export function probeFailureMessage(report: CommandReport): string | undefined {
  const probe = report.probe;
  if (probe?.result !== 'timeout') return undefined;
  const failing = probe.targets.filter((target) => !target.held);
  const subject = `${report.command} ${report.environment.key}`;
  const sets =
    report.command === 'status'
      ? `the sets are in state ${report.state}`
      : report.changed
        ? `the switch itself succeeded (the sets are in state ${report.state})`
        : `the sets were already in state ${report.state} (nothing needed writing)`;
  const seenAt = failing
    .map((target) => {
      const latest = target.seen.at(-1)?.answer ?? 'no answer';
      return `at ${target.url}${who(target)} still get ${latest}, expected ${target.expected}`;
    })
    .join('; ');
  const first = failing[0];
  const causes =
    first?.as === 'tester'
      ? CAUSES.tester
      : first?.expected.startsWith('the site')
        ? CAUSES.site
        : CAUSES.maintenance;
  return [
    `${subject}: ${sets}, but visitors ${seenAt}, after ${probe.timeoutSeconds} s (probe-timeout).`,
    'Likely causes, most likely first:',
    ...causes.map((cause, i) => `  ${i + 1}. ${cause}`),
    ...(probe.webAcl ? [`Web ACL check: ${probe.webAcl.findings.join(' ')}`] : []),
    'Nothing was undone. Look again with `status --verify`; run the opposite command to switch back.',
  ].join('\n');
}
