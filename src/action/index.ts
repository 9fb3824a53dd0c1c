// Entry point of the action (dist/index.js); the logic is in main.ts so tests can import it.
import { exitWhenDone } from '../front-door/exit-when-done.js';
import { run } from './main.js';

await run();
exitWhenDone();
