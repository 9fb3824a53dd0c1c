// The probe's rules without a network: what each URL must show, when an answer counts as held
// (3 polls in a row, a flap starts over), how the web ACL is judged, and the config it reads.
import { parseConfig } from '../../src/domain/config.js';
import { formatProblem, InputError } from '../../src/domain/errors.js';
import {
  meets,
  probeTargets,
  resolve,
  type ProbeTarget,
  type Seen,
} from '../../src/domain/probe.js';
import { checkWebAcl } from '../../src/domain/web-acl-check.js';
import { pollUntilHeld } from '../../src/probe/poll.js';

const SITE: Seen = { status: 200, marker: false, contentType: 'text/html' };
const PAGE: Seen = { status: 503, marker: true, contentType: 'text/html', json: false };
const JSON_503: Seen = { status: 503, marker: true, contentType: 'application/json', json: true };

describe('probeTargets', () => {
  const environment = {
    url: 'https://shop.example.com/eu/',
    probe: { paths: ['/', '/cart?x=1'], apiPath: '/api/health' },
  };

  it('visits every page path as a browser and the API path as an API client, under the base path', () => {
    const targets = probeTargets(environment, 'maintenance');
    expect(targets.map((t) => [t.url, t.kind, t.as, t.expect, t.headers['accept']])).toEqual([
      [
        'https://shop.example.com/eu/',
        'page',
        'visitor',
        'maintenance',
        expect.stringMatching(/^text\/html/),
      ],
      [
        'https://shop.example.com/eu/cart?x=1',
        'page',
        'visitor',
        'maintenance',
        expect.any(String),
      ],
      [
        'https://shop.example.com/eu/api/health',
        'api',
        'visitor',
        'maintenance',
        'application/json',
      ],
    ]);
  });

  it('after exit expects the site everywhere; with a bypass token also the tester’s view', () => {
    expect(probeTargets(environment, 'normal').every((t) => t.expect === 'site')).toBe(true);
    const withToken = probeTargets(environment, 'maintenance-allowlisted', 'mb1-token');
    const testers = withToken.filter((t) => t.as === 'tester');
    expect(testers).toHaveLength(3);
    expect(testers.every((t) => t.expect === 'site')).toBe(true);
    expect(testers[0]!.headers['x-maintenance-bypass']).toBe('mb1-token');
    expect(probeTargets(environment, 'inconsistent')).toEqual([]);
  });

  it('resolves paths against a site address with or without a path', () => {
    expect(resolve('http://127.0.0.1:8080', '/a')).toBe('http://127.0.0.1:8080/a');
    expect(resolve('https://x.example/shop', '/')).toBe('https://x.example/shop/');
  });
});

describe('meets', () => {
  const [page, api] = probeTargets(
    { url: 'https://x.example', probe: { paths: ['/'], apiPath: '/api' } },
    'maintenance',
  ) as [ProbeTarget, ProbeTarget];

  it('needs the marker and the right kind of body for the maintenance answer', () => {
    expect(meets(page, PAGE)).toBe(true);
    expect(meets(page, JSON_503)).toBe(false);
    expect(meets(api, JSON_503)).toBe(true);
    expect(meets(api, PAGE)).toBe(false);
    expect(meets(page, SITE)).toBe(false);
    expect(meets(page, { marker: false, error: 'no answer within 10 s' })).toBe(false);
  });

  it('takes any answer without the marker as the site, but not a failure to answer', () => {
    const site = { ...page, expect: 'site' as const };
    expect(meets(site, SITE)).toBe(true);
    expect(meets(site, { status: 404, marker: false })).toBe(true);
    expect(meets(site, PAGE)).toBe(false);
    expect(meets(site, { marker: false, error: 'connection refused (ECONNREFUSED)' })).toBe(false);
  });
});

describe('pollUntilHeld', () => {
  /** A fake clock: each sleep advances it; answers are scripted per poll. */
  function scripted(answers: Seen[]) {
    let clock = 1_000_000;
    let poll = 0;
    return {
      now: () => clock,
      sleep: (ms: number) => {
        clock += ms;
        return Promise.resolve();
      },
      random: () => 0.5,
      visit: () => Promise.resolve(answers[Math.min(poll++, answers.length - 1)]!),
    };
  }
  const [page] = probeTargets({ url: 'https://x.example' }, 'maintenance') as [ProbeTarget];

  it('holds after 3 answers in a row and counts from the first of them', async () => {
    const fake = scripted([SITE, PAGE, SITE, PAGE, PAGE, PAGE]);
    const outcome = await pollUntilHeld([page], {
      timeoutMs: 60_000,
      intervalMs: 1000,
      consecutive: 3,
      startMark: fake.now(),
      ...fake,
    });
    expect(outcome.held).toBe(true);
    expect(outcome.heldAt! - 1_000_000).toBe(3000); // the 4th poll, a flap earlier started over
    const [target] = outcome.targets;
    expect(target!.polls).toBe(6);
    expect(target!.seen.map((run) => [run.atSeconds, run.times])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 3],
    ]);
  });

  it('blames only the URLs that did not hold when it gives up', async () => {
    const [visitor, tester] = probeTargets(
      { url: 'https://x.example' },
      'maintenance',
      'mb1-token',
    ) as [ProbeTarget, ProbeTarget];
    const fake = scripted([PAGE]);
    const outcome = await pollUntilHeld([visitor, tester], {
      timeoutMs: 3000,
      intervalMs: 1000,
      consecutive: 3,
      startMark: fake.now(),
      ...fake,
    });
    expect(outcome.held).toBe(false);
    expect(outcome.targets.map((target) => [target.as, target.held])).toEqual([
      ['visitor', true],
      ['tester', false],
    ]);
  });

  it('gives up at the timeout with what it kept seeing', async () => {
    const fake = scripted([SITE]);
    const outcome = await pollUntilHeld([page], {
      timeoutMs: 4000,
      intervalMs: 1000,
      consecutive: 3,
      startMark: fake.now(),
      ...fake,
    });
    expect(outcome.held).toBe(false);
    expect(outcome.heldAt).toBeUndefined();
    expect(outcome.targets[0]!.seen).toEqual([
      { atSeconds: 0, answer: '200 without the maintenance marker (text/html)', times: 5 },
    ]);
  });
});

describe('checkWebAcl', () => {
  const reference = (priority: number, override: object = { None: {} }) => ({
    Name: 'maintenance',
    Priority: priority,
    OverrideAction: override,
    Statement: {
      RuleGroupReferenceStatement: {
        ARN: 'arn:aws:wafv2:eu-west-1:123456789012:regional/rulegroup/shop-maintenance/1111',
      },
    },
  });
  const allowOffice = { Name: 'office', Priority: 0, Action: { Allow: {} }, Statement: {} };

  it('says when the rule group is not referenced at all', () => {
    const check = checkWebAcl({ Rules: [allowOffice] }, 'shop-maintenance', 'edge');
    expect(check.verdict).toBe('not referenced');
    expect(check.findings[0]).toMatch(/does not reference rule group shop-maintenance/);
  });

  it('names the Allow rules that run before the reference', () => {
    const check = checkWebAcl({ Rules: [reference(5), allowOffice] }, 'shop-maintenance', 'edge');
    expect(check.verdict).toBe('allow rule before it');
    expect(check.findings[0]).toContain(
      "references shop-maintenance in rule 'maintenance' (priority 5), but Allow rule 'office' (priority 0) runs first",
    );
  });

  it('spots an override that only counts, and is content with a first reference', () => {
    expect(
      checkWebAcl({ Rules: [reference(0, { Count: {} })] }, 'shop-maintenance', 'e').verdict,
    ).toBe('only counted');
    expect(
      checkWebAcl(
        { Rules: [reference(0), { ...allowOffice, Priority: 1 }] },
        'shop-maintenance',
        'e',
      ).verdict,
    ).toBe('references it first');
  });
});

describe('the config: url, probe and web-acl', () => {
  const config = (extra: string) => `environments:
  prod:
    name: shop
    scope: REGIONAL
    region: eu-west-1
${extra}`;
  const problems = (text: string) => {
    try {
      parseConfig(text, 'm.yml');
      return [];
    } catch (error) {
      return (error as InputError).problems.map(formatProblem);
    }
  };

  it('reads the site address, the default path and the web ACL', () => {
    const [env] = parseConfig(
      config(
        '    url: HTTPS://Shop.Example.com\n    web-acl: { name: edge, id: 1a2b3c4d-5e6f-4a1b-9c8d-0e1f2a3b4c5d }\n',
      ),
      'm.yml',
    ).environments;
    expect(env).toMatchObject({
      url: 'https://shop.example.com/',
      probe: { paths: ['/'] },
      webAcl: { name: 'edge', id: '1a2b3c4d-5e6f-4a1b-9c8d-0e1f2a3b4c5d' },
    });
  });

  it('reports a bad url, credentials in it, a probe without url and a relative path, each at its line', () => {
    expect(problems(config('    url: ftp://shop.example.com\n'))).toEqual([
      'm.yml:6:10: environments.prod.url: must be an absolute http:// or https:// URL of at most 2048 characters, e.g. https://shop.example.com (value: "ftp://shop.example.com")',
    ]);
    expect(problems(config('    url: https://ops:secret@shop.example.com\n'))).toEqual([
      'm.yml:6:10: environments.prod.url: must not contain a user name or password: it is printed in every summary (value: "https://ops:secret@shop.example.com")',
    ]);
    expect(problems(config('    probe: { paths: [cart] }\n'))).toEqual([
      "m.yml:6:5: environments.prod.probe: needs 'url': the probe visits these paths on the site's address",
      'm.yml:6:22: environments.prod.probe.paths[0]: must be a path starting with \'/\', at most 1024 characters, e.g. /shop (value: "cart")',
    ]);
  });
});
