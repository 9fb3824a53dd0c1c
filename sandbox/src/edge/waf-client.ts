// An SDK client for the local WAFv2 emulator, built explicitly so that in-process servers do not
// depend on (or change) the process environment.
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { DUMMY_CREDENTIALS } from '../aws-env.js';

export function wafClientFor(endpoint: string, region: string): WAFV2Client {
  return new WAFV2Client({
    endpoint,
    region,
    credentials: {
      accessKeyId: DUMMY_CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: DUMMY_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    },
  });
}
