// Sample CommandReports, shaped as the engine returns them, for rendering and front-door tests.
import type { CommandReport } from '../src/engine/report.js';
import type { Environment } from '../src/domain/types.js';

export const production: Environment = {
  key: 'production',
  name: 'shop-prod',
  scope: 'CLOUDFRONT',
  region: 'us-east-1',
  testers: ['QA office'],
};

const times = { startedAt: '2026-03-01T10:00:00.000Z', finishedAt: '2026-03-01T10:00:01.200Z' };
const window = {
  since: '2026-03-01T10:00:00.000Z',
  actor: 'alice',
  run: 'acme/shop/actions/runs/42',
  reason: 'schema migration 0042',
};

/** Fields every sample shares; no window (the state `normal` has none). */
const base: Omit<CommandReport, 'window'> = {
  command: 'enter',
  environment: production,
  dryRun: false,
  previousState: 'normal',
  state: 'maintenance',
  changed: true,
  changes: [
    {
      role: 'active-ipv4',
      name: 'shop-prod-active-ipv4',
      from: [],
      to: ['0.0.0.0/1', '128.0.0.0/1'],
    },
    { role: 'active-ipv6', name: 'shop-prod-active-ipv6', from: [], to: ['::/1', '8000::/1'] },
  ],
  inconsistencies: [],
  allowlist: [],
  ...times,
};

export const entered: CommandReport = { ...base, window };

export const enterAgain: CommandReport = {
  ...entered,
  previousState: 'maintenance',
  changed: false,
  changes: [],
};

/** 40 tester CIDRs: long enough that summaries must shorten the list. */
export const manyTesters = Array.from({ length: 40 }, (_, i) => `10.0.${i}.0/24`);

export const allowlistPlan: CommandReport = {
  ...entered,
  command: 'allowlist-on',
  dryRun: true,
  previousState: 'maintenance',
  state: 'maintenance-allowlisted',
  changed: false,
  changes: [{ role: 'allow-ipv4', name: 'shop-prod-allow-ipv4', from: [], to: manyTesters }],
  allowlist: manyTesters,
};

export const exited: CommandReport = {
  ...base,
  command: 'exit',
  previousState: 'maintenance-allowlisted',
  state: 'normal',
  changes: [
    {
      role: 'active-ipv4',
      name: 'shop-prod-active-ipv4',
      from: ['0.0.0.0/1', '128.0.0.0/1'],
      to: [],
    },
    { role: 'active-ipv6', name: 'shop-prod-active-ipv6', from: ['::/1', '8000::/1'], to: [] },
    { role: 'allow-ipv4', name: 'shop-prod-allow-ipv4', from: ['203.0.113.0/24'], to: [] },
  ],
  endedWindow: { ...window, durationMs: (2 * 3600 + 5 * 60 + 3) * 1000 },
};

export const inconsistentStatus: CommandReport = {
  ...entered,
  command: 'status',
  previousState: 'inconsistent',
  state: 'inconsistent',
  changed: false,
  changes: [],
  inconsistencies: [
    'shop-prod-active-ipv4 is full (0.0.0.0/1, 128.0.0.0/1) but shop-prod-active-ipv6 is empty',
  ],
};
