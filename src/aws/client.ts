// The one place a WAFv2 client is built. The SDK itself honours AWS_ENDPOINT_URL_WAFV2 /
// AWS_ENDPOINT_URL and the standard credential chain, so neither is handled here.
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { CLOUDFRONT_REGION, type Environment } from '../domain/types.js';

/**
 * Attempts per call, including the first. The SDK's adaptive strategy backs off (with jitter)
 * on throttling and 5xx and rate-limits the client after throttling; WAF allows about one
 * write per second per account and region, shared with Terraform and the console.
 */
export const DEFAULT_MAX_ATTEMPTS = 8;

export function regionFor(environment: Pick<Environment, 'scope' | 'region'>): string {
  return environment.scope === 'CLOUDFRONT' ? CLOUDFRONT_REGION : environment.region;
}

export function createWafClient(
  environment: Pick<Environment, 'scope' | 'region'>,
  options: { maxAttempts?: number } = {},
): WAFV2Client {
  return new WAFV2Client({
    region: regionFor(environment),
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    customUserAgent: 'maintenance-action',
  });
}
