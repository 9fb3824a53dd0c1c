// Stand-in for @actions/core in unit tests (typescript-action style), loaded with
// jest.unstable_mockModule. Inputs come from `inputs`; everything else is recorded.
import type * as core from '@actions/core';
import { jest } from '@jest/globals';

/** Inputs as the runner would pass them, by name (e.g. `dry-run`). Reset per test. */
export const inputs: Record<string, string> = {};

export const getInput = jest.fn<typeof core.getInput>((name, options) => {
  const value = inputs[name] ?? '';
  return options?.trimWhitespace === false ? value : value.trim();
});

// Same rule as the real toolkit: YAML 1.2 core-schema booleans only.
export const getBooleanInput = jest.fn<typeof core.getBooleanInput>((name) => {
  const value = getInput(name);
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}`);
});

export const setSecret = jest.fn<typeof core.setSecret>();
export const setOutput = jest.fn<typeof core.setOutput>();
export const setFailed = jest.fn<typeof core.setFailed>();
export const saveState = jest.fn<typeof core.saveState>();
export const info = jest.fn<typeof core.info>();
export const warning = jest.fn<typeof core.warning>();
export const debug = jest.fn<typeof core.debug>();
export const error = jest.fn<typeof core.error>();

/** Markdown added to the job summary, in order. */
export const summaryText: string[] = [];
export const summary = {
  addRaw: jest.fn((text: string) => {
    summaryText.push(text);
    return summary;
  }),
  write: jest.fn(async () => summary),
};

/** Clears inputs and recordings between tests. */
export function resetCore(): void {
  for (const key of Object.keys(inputs)) delete inputs[key];
  summaryText.length = 0;
  jest.clearAllMocks();
}
