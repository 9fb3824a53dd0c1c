// A WAFv2 emulator for one test file, with the SDK pointed at it (AWS_ENDPOINT_URL_WAFV2) from
// beforeAll to afterAll.
import { useEmulatorEndpoint } from '@maintenance-action/sandbox/aws-env.js';
import {
  startWafEmulator,
  type EmulatorOptions,
  type WafEmulator,
} from '@maintenance-action/sandbox/waf-emulator/index.js';

/** The suite's emulator, once beforeAll has started it. */
export function emulatorForSuite(options: EmulatorOptions = {}): () => WafEmulator {
  let emulator: WafEmulator | undefined;
  let restore = (): void => undefined;
  beforeAll(async () => {
    emulator = await startWafEmulator(options);
    restore = useEmulatorEndpoint(emulator.endpoint);
  });
  afterAll(async () => {
    restore();
    await emulator?.close();
  });
  return () => emulator!;
}
