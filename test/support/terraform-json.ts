// Lookups in synthesized Terraform JSON, by resource type rather than by generated address.

import type { TerraformJson } from '../../terraform/src/index.js';

export type Block = Record<string, unknown> & {
  statement?: unknown;
  lifecycle?: Record<string, unknown>;
};

export function blocksOf(json: TerraformJson, kind: 'resource' | 'data', type: string): Block[] {
  return Object.values(json[kind]?.[type] ?? {}) as Block[];
}

export function onlyBlock(json: TerraformJson, kind: 'resource' | 'data', type: string): Block {
  const blocks = blocksOf(json, kind, type);
  if (blocks.length !== 1) throw new Error(`expected one ${kind} ${type}, found ${blocks.length}`);
  return blocks[0]!;
}

export function addressOf(json: TerraformJson, kind: 'resource' | 'data', type: string): string {
  const names = Object.keys(json[kind]?.[type] ?? {});
  if (names.length !== 1) throw new Error(`expected one ${kind} ${type}, found ${names.length}`);
  return `${kind === 'data' ? 'data.' : ''}${type}.${names[0]}`;
}

export function outputValue(json: TerraformJson, name: string): unknown {
  return (json['output']?.[name] as { value?: unknown } | undefined)?.value;
}
