// The page's first script: a classic, parser-blocking script at the top of index.html's <head>,
// before the stylesheets, that only starts analysis/start.js (the module's compilation, the
// worker, the saved text's read). Chromium holds back `async` scripts until the page's first
// paint (its first layout, 40–100 ms in a new profile), and start.js as an `async` module ran
// after it; a parser-blocking script runs as soon as it arrives, and the dynamic import below
// runs start.js as soon as its module graph (modulepreloaded by index.html) is fetched
// (issue 17: tools/bench/trace.mjs showed the module's compilation starting 100–160 ms after
// its download had finished). Its failure is reported like any error; app.js starts the same
// work in any case, so the page still starts.
import('./start.js');
