// Starts the analyser and the read of the saved text as early as the page can: index.html's
// first script, boot.js, imports this file, which runs as soon as it and its imports (preloaded)
// are fetched, before the rest of the page's modules (app.js's graph).
// engine.js's `preload` compiles the module (streamed from the response of index.html's <link
// rel=preload>) and starts the worker, which builds the analyser's tables while the page starts;
// persist.js's `loadTextAtStart` opens the page's IndexedDB store. app.js calls both too (they do
// nothing the second time), so a page without this script works the same, only later.

import { preload } from './engine.js';
import { loadTextAtStart } from '../input/persist.js';

preload();
// The saved text, which the page's first text waits for (input/persist.js).
loadTextAtStart();
