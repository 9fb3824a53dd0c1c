import { Testing } from 'cdktf';
import { MaintenanceWaf } from './maintenance-waf.js';
import type { MaintenanceWafProps } from './props.js';

/** Terraform JSON (`resource`, `data`, `output` ...) as cdktf synthesizes it. */
export type TerraformJson = Record<string, Record<string, Record<string, unknown>> | undefined>;

/**
 * Synthesizes one MaintenanceWaf in a fresh stack and returns the parsed Terraform JSON: the rule
 * statements exactly as Terraform will send them (strings escaped with `terraformLiteral`; see
 * `fromTerraformLiteral`). Throws InputError on invalid props.
 */
export function synthesizeMaintenanceWaf(props: MaintenanceWafProps): TerraformJson {
  const json = Testing.synthScope((scope) => {
    new MaintenanceWaf(scope, 'maintenance', props);
  });
  return JSON.parse(json) as TerraformJson;
}
