// Entry point of the action's post step (dist/post/index.js); the logic is in main.ts.
import { exitWhenDone } from '../front-door/exit-when-done.js';
import { runPost } from './main.js';

await runPost();
exitWhenDone();
