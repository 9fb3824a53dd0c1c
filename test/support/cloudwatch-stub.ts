// src/aws/cloudwatch.ts for unit tests of the front doors: CloudWatch answers with no data
// points (no traffic), so exit and status report zero requests without any network call.
import { jest } from '@jest/globals';
import type { MetricData } from '../../src/aws/cloudwatch.js';

export const getMetricData = jest.fn((): Promise<MetricData> =>
  Promise.resolve({ points: new Map(), truncated: false }),
);

export const cloudWatchStub = {
  METRICS_CALL_TIMEOUT_MS: 20_000,
  MAX_DATAPOINTS: 100_800,
  createCloudWatchClient: () => ({ destroy: () => undefined }),
  getMetricData,
  explainMetricsError: (error: unknown) => String(error),
  cloudWatchEndpointOverride: () => undefined,
};
