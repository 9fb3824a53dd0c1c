// Renders MaintenanceModuleStack to the JSON committed as terraform/module/main.tf.json.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { MaintenanceModuleStack } from './module-stack.js';

const STACK = 'module';

/** cdktf's `//` metadata (construct paths, stack name) at every level; noise in a module. */
function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '//')
      .map(([key, inner]) => [key, withoutMetadata(inner)]),
  );
}

/**
 * The module as Terraform JSON text. cdktf adds what a root configuration has and a reusable
 * module must not: a local backend, provider blocks, and its own `//` metadata. Those are dropped;
 * `required_providers` stays.
 */
export function renderModule(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'maintenance-module-'));
  try {
    // A reusable module declares no provider, which cdktf's validation would reject.
    const app = new App({ outdir, skipValidation: true });
    new MaintenanceModuleStack(app, STACK);
    app.synth();
    const json = JSON.parse(readFileSync(join(outdir, 'stacks', STACK, 'cdk.tf.json'), 'utf8')) as {
      [key: string]: unknown;
      terraform?: { [key: string]: unknown };
    };
    delete json['provider'];
    if (json.terraform !== undefined) delete json.terraform['backend'];
    return `${JSON.stringify(withoutMetadata(json), null, 2)}\n`;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
