// `npm run demo`: the whole release lifecycle on loopback, no AWS account needed. Starts the WAFv2
// emulator, provisions an environment from the Terraform module's synthesized output, puts an
// edge (standing where AWS WAF stands) in front of a tiny shop, then drives the real CLI through
// status -> enter -> allowlist-on --bypass-token -> allowlist-off -> exit and shows, after each
// step, what a browser, an API client, a tester (IPv4 and IPv6), a phone with the tester link,
// a smoke test with the token and a phone without it get. Exits 1 if anyone got the wrong answer.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { ProbeReport } from '../src/domain/probe.js';
import type { CommandReport } from '../src/engine/report.js';
import type { WindowCost } from '../src/domain/window-cost.js';
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { terraformInstalled } from '@maintenance-action/terraform/cli';
import { defaultProvisioner } from '@maintenance-action/sandbox/terraform-provision.js';
import { startLocalSite } from '@maintenance-action/sandbox/edge/local-site.js';
import {
  BROWSER_ACCEPT,
  expectedOutcome,
  QA_OFFICE_CIDRS,
  TOKEN_VISITORS,
  VISITORS,
  visit,
  type Visit,
} from '@maintenance-action/sandbox/edge/visitors.js';
import { setIdLines } from '@maintenance-action/sandbox/set-id-lines.js';
import { errorMessage } from '../src/domain/error-message.js';

const CLI = resolve(import.meta.dirname, '../dist/cli/index.js');
const ENVIRONMENT = { name: 'shop-staging', scope: 'REGIONAL', region: 'eu-west-1' } as const;
const REACHABLE = ['/status'];

/**
 * The config file; `url:` is the edge, so every switch is followed by the probe; `set-ids` as
 * the module's config_entry output gives them, so each command reads the sets directly.
 */
const configFor = (
  url: string,
  setIds: readonly string[],
) => `# .github/maintenance.yml of the demo shop
testers:
  - name: QA office
    cidrs: [${QA_OFFICE_CIDRS.map((cidr) => JSON.stringify(cidr)).join(', ')}]
environments:
  staging:
    name: ${ENVIRONMENT.name}
    scope: ${ENVIRONMENT.scope}
    region: ${ENVIRONMENT.region}
    url: ${url}
    probe: { paths: [/], api-path: /api/orders }
    slo: { objective: 99.9, period: 28d }
${setIds.join('\n')}
`;

/** What `allowlist-on --bypass-token --json` adds to the report, once. */
interface IssuedToken {
  readonly bypassToken?: string;
  readonly bypassUrl?: string | null;
}

const STEPS: readonly { readonly args: readonly string[]; readonly why: string }[] = [
  { args: ['status'], why: 'before the release: everyone reaches the shop' },
  {
    args: ['enter', '--reason', 'schema migration'],
    why: 'maintenance: browsers get the page, API clients 503 JSON',
  },
  {
    args: ['allowlist-on', '--bypass-token'],
    why: 'testers from the QA office, a phone with the tester link and the smoke tests (token header) check the new release; everyone else still waits',
  },
  {
    args: ['allowlist-off'],
    why: 'a failed check: testers and the token are shut out again, still in maintenance',
  },
  { args: ['exit', '--metrics-wait', '5s'], why: 'done: everyone is back; what the window cost' },
];

async function main(): Promise<number> {
  if (!existsSync(CLI)) throw new Error(`${CLI} not found: run \`npm run package\` first.`);
  const started = Date.now();
  const provisioner = defaultProvisioner(terraformInstalled);
  const site = await startLocalSite({
    provisioner,
    environments: [
      {
        ...ENVIRONMENT,
        module: { reachablePathPrefixes: REACHABLE },
      },
    ],
  });
  const dir = await mkdtemp(join(tmpdir(), 'maintenance-demo-'));
  let wrong = 0;
  try {
    const [staging] = site.environments;
    if (!staging) throw new Error('no environment was provisioned');
    const config = join(dir, 'maintenance.yml');
    const { name, scope, region } = ENVIRONMENT;
    const text = configFor(staging.edge.url, setIdLines(site.emulator, name, scope, region));
    await writeFile(config, text);
    console.log(
      `WAFv2 emulator  ${site.emulator.endpoint}   (module provisioned by ${provisioner === 'terraform' ? 'terraform apply' : 'the synthesized module (terraform not installed)'}: ${staging.provisioned.resources.map((r) => r.name).join(', ')})`,
    );
    console.log(`origin (shop)   ${site.origin.url}`);
    console.log(
      `edge (WAF)      ${staging.edge.url}   evaluates web ACL ${ENVIRONMENT.name} as AWS WAF would`,
    );
    console.log(`config          ${config}\n${indent(text)}`);

    let token: string | undefined;
    for (const [i, step] of STEPS.entries()) {
      const report = await runCli(
        [...step.args, '--environment', 'staging', '--config', config],
        site.emulator.endpoint,
      );
      // Everything the edge turned away so far: the visitors' requests and the probe's.
      const turnedAway = staging.edge.decisions.filter((d) => d.verdict?.action === 'BLOCK').length;
      console.log(`\n${i + 1}. ${step.args[0]}: ${step.why}`);
      console.log(
        `   $ maintenance-action ${step.args.map(quote).join(' ')} --environment staging --config maintenance.yml`,
      );
      console.log(`   ${describe(report)}`);
      if (report.probe) console.log(`   ${probeLine(report.probe)}`);
      if (report.bypassToken !== undefined) {
        token = report.bypassToken;
        console.log(
          `   tester link, sent to a phone: ${report.bypassUrl ?? '(no url: in the config)'}`,
        );
        console.log(
          '   (opened, it shows the page once; the page keeps the token in a cookie and reloads: "phone, tester link" sends that cookie)',
        );
      }
      if (report.state === 'inconsistent')
        throw new Error(`the environment is inconsistent: ${report.inconsistencies.join('; ')}`);
      const visitors = [...VISITORS, ...TOKEN_VISITORS];
      const visits = await Promise.all(visitors.map((v) => visit(staging.edge.url, v, token)));
      const tokenLive = token !== undefined && report.bypass.live.length > 0;
      const expected = visits.map((v) =>
        expectedOutcome(
          report.state as Exclude<typeof report.state, 'inconsistent'>,
          v.visitor,
          REACHABLE,
          tokenLive,
        ),
      );
      wrong += visits.filter((v, j) => v.outcome !== expected[j]).length;
      console.log(table(visits, expected));
      if (report.cost) {
        // The emulator's CloudWatch counted what the edge answered: it must be this demo's traffic.
        const ok = report.cost.turnedAway?.total === turnedAway;
        if (!ok) wrong += 1;
        console.log(
          `${costLine(report.cost)} ${ok ? '✓' : `✗ the edge turned away ${turnedAway}`}`,
        );
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      wrong === 0
        ? `\nEvery visitor got what the README's state table (How it works) promises, at every step (${STEPS.length * (VISITORS.length + TOKEN_VISITORS.length)} requests, ${seconds} s).`
        : `\n${wrong} answer(s) differ from what the README's state table (How it works) promises (marked ✗ above).`,
    );
  } finally {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  }
  return wrong === 0 ? 0 : 1;
}

/** Runs the bundled CLI as a user would, against the emulator, and returns its JSON report. */
async function runCli(
  args: readonly string[],
  endpoint: string,
): Promise<CommandReport & IssuedToken> {
  const env = {
    ...process.env,
    ...awsEnvFor(endpoint),
    NODE_NO_WARNINGS: '1',
    // Polls 0.3 s apart instead of 3 s: the demo's edge is on loopback.
    MAINTENANCE_PROBE_INTERVAL_MS: '300',
  };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args, '--json'], {
      env,
    });
    return JSON.parse(stdout) as CommandReport & IssuedToken;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`maintenance-action ${args.join(' ')} failed: ${stderr || String(error)}`, {
      cause: error,
    });
  }
}

/** What the window cost, from the emulator's CloudWatch: the counts of this demo's own requests. */
function costLine(cost: WindowCost): string {
  const away = cost.turnedAway;
  if (!away) return `   window cost: not read (${cost.missing.join('; ')})`;
  const pct = (fraction: number | undefined) =>
    fraction === undefined ? '?' : `${(fraction * 100).toFixed(1)}%`;
  const budget = cost.budget
    ? `; error budget (SLO ${cost.slo?.objective}% over 28 days): ${pct(cost.budget.requestBased)} by requests, ${pct(cost.budget.timeBased)} by time`
    : '';
  const done = cost.window.closed ? 'the window turned away' : 'so far the window turned away';
  return `   ${done} ${away.total} of its ${cost.requests ?? 0} requests (browsers ${away.browsers}, API clients ${away.api}: ${pct(cost.share)})${budget}`;
}

function describe(report: CommandReport): string {
  const transition =
    report.previousState === report.state
      ? report.state
      : `${report.previousState} -> ${report.state}`;
  const wrote = report.changes.map((c) => `${c.name} [${c.to.join(', ') || 'empty'}]`);
  const { name, added, removed, live } = report.bypass;
  // The bypass set holds secrets: only how many tokens were added, ended and are live.
  if (added + removed > 0)
    wrote.push(`${name} [+${added} -${removed} tokens, ${live.length} live]`);
  return `${transition}${wrote.length > 0 ? `; wrote ${wrote.join(', ')}` : '; nothing written'}`;
}

/** What the probe saw: how long visitors took to see the switch. */
function probeLine(probe: ProbeReport): string {
  if (probe.result !== 'ok') return `probe: ${probe.result} ${probe.skipped ?? ''}`.trimEnd();
  const urls = probe.targets.map((target) => target.url.replace(/^https?:\/\/[^/]+/, ''));
  return `probe: visitors saw it ${probe.seconds} s after the write (${urls.join(', ')}: same answer 3 polls in a row)`;
}

function table(visits: readonly Visit[], expected: readonly string[]): string {
  const rows = visits.map((v, i) => [
    v.visitor.who + (v.visitor.tester ? ' (QA)' : ''),
    v.visitor.ip,
    `GET ${v.visitor.path}`,
    v.visitor.accept === undefined
      ? '(no Accept)'
      : v.visitor.accept === BROWSER_ACCEPT
        ? 'text/html,…'
        : v.visitor.accept,
    String(v.status),
    v.outcome,
    v.marker ?? '-',
    v.outcome === expected[i] ? '✓' : `✗ expected ${expected[i]}`,
  ]);
  const header = ['who', 'from', 'request', 'Accept', 'status', 'got', 'x-maintenance-mode', ''];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    `   ${cells
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd()}`;
  return [line(header), ...rows.map(line)].join('\n');
}

const indent = (text: string) => text.trimEnd().replace(/^/gm, '   ');
const quote = (arg: string) => (/\s/.test(arg) ? JSON.stringify(arg) : arg);

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`demo: ${errorMessage(error)}`);
    process.exitCode = 1;
  },
);
