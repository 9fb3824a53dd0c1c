// The post step's removal of a job's bypass token is bounded (review finding 8): against a WAF
// endpoint that accepts connections and never answers, it gives up after input `timeout` (not
// the SDK's 8 attempts x 20 s on every job) and says what was left: the token, when it expires
// by itself, and how to end it now. Run as a runner runs it: dist/index.js, then dist/post.
import { awsEnvFor } from '@maintenance-action/sandbox/aws-env.js';
import { startHangingEndpoint, type HangingEndpoint } from '../support/hanging-endpoint.js';
import { emulatorForSuite } from '../support/emulator-suite.js';
import { runAction, runPost } from '../support/runner.js';
import { createSite, errorAnnotations } from '../support/workspace.js';

const emulator = emulatorForSuite();
let hanging: HangingEndpoint;
beforeAll(async () => {
  hanging = await startHangingEndpoint();
});
afterAll(async () => {
  await hanging.close();
});

/** A site in maintenance, and the allowlist-on step that issued this job's token (timeout 3 s). */
async function withToken() {
  const site = await createSite(emulator());
  const inputs = { environment: 'staging', probe: 'false', timeout: '3s' };
  const env = awsEnvFor(emulator().endpoint);
  const enter = await runAction({
    workspace: site.workspace,
    inputs: { command: 'enter', ...inputs },
    env,
  });
  expect(enter.exitCode).toBe(0);
  const on = await runAction({
    workspace: site.workspace,
    inputs: { command: 'allowlist-on', 'bypass-token': 'true', ...inputs },
    env,
  });
  expect(on.exitCode).toBe(0);
  const entries = (): string[] =>
    emulator().getRegexPatternSet(`${site.staging}-bypass`, 'REGIONAL', 'eu-west-1')!
      .regularExpressions;
  return { on, token: on.outputs['bypass-token']!, entries };
}

it('gives up after timeout against a silent endpoint, and says what stays and until when', async () => {
  const { on, token, entries } = await withToken();
  const expiresAt = /^mb1-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z-/.exec(token)!;
  const [, y, mo, d, h, mi, s] = expiresAt;

  // The job's WAF endpoint stops answering before its post step runs.
  const started = Date.now();
  const post = await runPost({
    ...on,
    env: { ...on.env, ...awsEnvFor(hanging.url) },
  });
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(post.exitCode).toBe(1);
  const [message] = errorAnnotations(post.stdout);
  expect(message).toContain("Could not end this job's bypass token on staging");
  expect(message).toContain(`did not answer within 3 s`);
  expect(message).toContain(
    `The token stays valid until it expires at ${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`,
  );
  expect(message).toContain('To end it now, run allowlist-off on staging.');
  // Masked first; never printed after that.
  expect(post.stdout.replace(`::add-mask::${token}`, '')).not.toContain(token);
  // It is still there: nothing claimed it was removed.
  expect(entries()).toEqual([`^${token}$`]);
});

it('when the removal is applied but its answer is lost, it does not claim the token stays valid', async () => {
  const { on, entries } = await withToken();
  emulator().loseAnswers(1, { operation: 'UpdateRegexPatternSet' });

  const post = await runPost(on);
  expect(post.exitCode).toBe(1);
  const [message] = errorAnnotations(post.stdout);
  expect(message).toContain(
    'The removal may have been applied (no answer said); if not, the token stays valid until it expires at',
  );
  expect(message).not.toMatch(/The token stays valid/);
  // WAF did apply it.
  expect(entries()).toEqual([]);
});
