// Takes over the worker boot.js started (which fetches and compiles the module and builds the
// analyser's tables while the page starts) and starts the read of the saved text before the rest
// of the page's modules run: index.html's first script, boot.js, imports this file, which runs as
// soon as it and its imports (preloaded) are fetched. persist.js's `loadTextAtStart` opens the
// page's IndexedDB store. app.js calls both too (they do nothing the second time), so a page
// without this script works the same, only later.

import { preload } from './engine.js';
import { loadTextAtStart } from '../input/persist.js';

preload();
// The saved text, which the page's first text waits for (input/persist.js).
loadTextAtStart();
