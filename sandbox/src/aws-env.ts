// Points the real AWS SDK at a local emulator, as a user would with AWS_ENDPOINT_URL_WAFV2 (and
// AWS_ENDPOINT_URL_CLOUDWATCH: the emulator answers CloudWatch's GetMetricData on the same port).
export const DUMMY_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
} as const;

/** Environment variables for a child process (action, CLI) that should talk to `endpoint`. */
export function awsEnvFor(endpoint: string): Record<string, string> {
  return {
    ...DUMMY_CREDENTIALS,
    AWS_ENDPOINT_URL_WAFV2: endpoint,
    AWS_ENDPOINT_URL_CLOUDWATCH: endpoint,
    AWS_REGION: 'eu-west-1',
  };
}

/** Same, for SDK clients created inside the test process. Returns a function that restores. */
export function useEmulatorEndpoint(endpoint: string): () => void {
  const saved = { ...process.env };
  Object.assign(process.env, awsEnvFor(endpoint));
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}
