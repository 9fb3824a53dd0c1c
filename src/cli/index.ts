#!/usr/bin/env node
// Entry point of the CLI (dist/cli/index.js, package.json "bin").
import { exitWhenDone } from '../front-door/exit-when-done.js';
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
exitWhenDone();
