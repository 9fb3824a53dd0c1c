// Where WAF keeps an environment's resources.

export const SCOPES = ['REGIONAL', 'CLOUDFRONT'] as const;
export type Scope = (typeof SCOPES)[number];

/** CloudFront web ACLs and their IP sets live in us-east-1, whatever region the user works in. */
export const CLOUDFRONT_REGION = 'us-east-1';
