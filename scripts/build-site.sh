#!/usr/bin/env bash
# Writes dist/site/: the page of www/ as it should be deployed. Its modules are bundled by
# esbuild (the one-file build's, from its lockfile) into app.js and one chunk
# (analysis/chunk-*.js, shared with the entries the tests import), minified; the worker (analysis/worker.js) into one file of its own, the glue
# included; the glue and every CSS file are minified alone;
# the HTML loses its comments and indentation and preloads the bundle's modules instead of the
# sources'. Same entry URLs, the same CSP, the glue and module fetched by the same URLs.
# Issue 17 (the whole download): the JS the page loads is 73 KB gzipped as written in www/
# (comments and JSDoc types are half of it), 30.1 KB with each file minified alone, 22.8 KB
# bundled (10 gzip streams instead of 33, names mangled across modules); the entries only the
# tests fetch are 0.9 KB more. www/ stays as written (the tests use it); serve.sh serves this build.
#
#   scripts/build-site.sh [OUT]        (default dist/site)
#   QUOTELENS_SKIP_WASM=1 ...          use www/pkg as it is
#   python3 scripts/serve.py 8000 dist/site     serves it
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=${1:-dist/site}

[[ ${QUOTELENS_SKIP_WASM:-0} == 1 ]] || bash scripts/build-wasm.sh >/dev/null
tool=scripts/onefile
bash scripts/npm-ci.sh "$tool"

rm -rf "$out"
mkdir -p "$out"
cp -r www/. "$out/"
esbuild=$root/$tool/node_modules/.bin/esbuild
# The page's own modules: everything outside pkg/ (the glue, imported by URL: engine.js
# instantiates it anew after a panic) and embed/ (shipped by its own build) is bundled into
# app.js and one chunk, in analysis/ beside engine.js and offthread.js whose `new URL(…,
# import.meta.url)` it holds. The modules the browser tests import by their path (tests/e2e: the
# page's own engine, its helpers) are entry points too, so that a test's import reaches the very
# instance the page runs; each is written as `import "../app.js"; export * from "./engine.js"`
# (virtual entries), so that every module is reached from every entry and esbuild's splitting
# makes one chunk, not one per set of entries that share a module (six before; with start.js,
# the page's first wave of requests was 13 files against HTTP/1.1's six connections; issue 17).
# The page fetches app.js (a line importing the chunk) and the chunk; the tests' entries are a
# line each, which the page never fetches.
imported_by_tests=(analysis/engine.js analysis/offthread.js core/attribution.js input/persist.js input/plaintext.js view/render.js)
# analysis/boot.js is a classic script (it starts the worker): minified alone.
mapfile -t sources < <(cd www && find . \( -path ./pkg -o -path ./embed \) -prune -o -type f -name '*.js' ! -path ./analysis/boot.js -print)
(cd "$out" && rm -- "${sources[@]}")
# The glue stays out of the page's bundle: the page imports it (by its URL) only where no worker
# can run.
compile_hint='//# allFunctionsCalledOnLoad'
COMPILE_HINT=$compile_hint node --input-type=module - "$root/$tool/node_modules/esbuild/lib/main.js" "$root/www" "$(cd "$out" && pwd)" "${imported_by_tests[@]}" <<'JS'
const [esbuildPath, www, outdir, ...forTests] = process.argv.slice(2);
const esbuild = (await import(esbuildPath)).default;
// V8's explicit compile hint (a comment to every other engine): the file's functions are
// compiled with it, off the page's thread while the file streams in, instead of one by one on
// the page's thread as the page's start first calls them (135-172 compilations, 13-17 ms of
// the main thread's time in a first visit's trace, before the sample's request; 25 with it).
const compileHint = process.env.COMPILE_HINT;
const testEntry = {
    name: 'test-entries',
    setup(build) {
        build.onResolve({ filter: /^test-entry:/ }, (args) => ({ path: args.path.slice('test-entry:'.length), namespace: 'test-entry' }));
        build.onLoad({ filter: /.*/, namespace: 'test-entry' }, (args) => ({
            contents: `import "./app.js"; export * from "./${args.path}";`,
            resolveDir: www,
            loader: 'js',
        }));
    },
};
await esbuild.build({
    absWorkingDir: www,
    entryPoints: [{ in: 'app.js', out: 'app' }, ...forTests.map((path) => ({ in: `test-entry:${path}`, out: path.replace(/\.js$/, '') }))],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    logLevel: 'warning',
    outdir,
    chunkNames: 'analysis/[name]-[hash]',
    external: ['../pkg/quotelens.js'],
    plugins: [testEntry],
    banner: { js: compileHint },
});
JS
# The worker is one file, engine.js and the glue in it (engine.js imports the first instance's
# glue by a literal path): a module worker fetches its imports level by level, since the page's
# modulepreload links do not reach it, and with the shared chunks and the glue (revalidated, as
# every file outside the chunks) its start waited for two levels of requests after its script
# (issue 17, tools/bench/trace.mjs). It repeats engine.js (about 1 KB gzipped) that the page's
# chunks hold too; the page no longer fetches the glue.
(cd www && "$esbuild" analysis/worker.js --bundle --format=esm --minify --log-level=warning \
    "--banner:js=$compile_hint" --outfile="$(cd "$root" && cd "$out" && pwd)/analysis/worker.js")
# The embed demo (embed/demo.html, which serve.sh's banner points to) imports the embed package,
# whose sources import core/ modules that the bundle above replaced: the demo is bundled alone
# (the package's own build is scripts/build-package.sh).
(cd www && "$esbuild" embed/demo.js --bundle --format=esm --minify --log-level=warning \
    --outfile="$(cd "$root" && cd "$out" && pwd)/embed/demo.js" --allow-overwrite)
# The glue, boot.js and the stylesheets are minified each alone.
mapfile -t files < <(cd "$out" && find . -path ./embed -prune -o -type f \( -path './pkg/*.js' -o -path ./analysis/boot.js -o -name '*.css' \) -print)
(cd "$out" && "$esbuild" "${files[@]}" --minify --log-level=warning --outdir=. --outbase=. --allow-overwrite)
# The HTML pages lose their comments and indentation; line breaks stay (between inline elements
# they are the spaces the page shows, and a <pre> or <textarea> keeps its text). index.html:
# 2,402 -> 2,180 bytes gzipped (7,060 with the stylesheets, below). Its boot.js (the worker's
# start) is written into it, allowed by its hash in the CSP's script-src: as a file, the
# parser-blocking script held the parser, and the requests for the page's modules and
# stylesheets, until it had arrived (traced with --network: all asked 45-50 ms after the
# module's and the sample's, then all at once).
mapfile -t pages < <(cd "$out" && find . -path ./embed -prune -o -type f -name '*.html' -print)
python3 - "$out" "${pages[@]}" <<'PY'
import base64, hashlib, pathlib, re, sys
root = pathlib.Path(sys.argv[1])
for name in sys.argv[2:]:
    page = root / name
    html = page.read_text(encoding="utf-8")
    assert "<pre" not in html, f"{name}: a <pre> would lose its indentation"
    html = re.sub(r"<!--.*?-->\n?", "", html, flags=re.S)
    html = re.sub(r"(?m)^[ \t]+", "", html)
    if name.lstrip("./") == "index.html":
        boot_tag = '<script src="analysis/boot.js"></script>'
        boot = (root / "analysis/boot.js").read_text(encoding="utf-8").strip()
        # Its URLs are the document's (a classic script's `new Worker` URL is), not the file's.
        assert boot_tag in html and "import(" not in boot and "<" not in boot, f"index.html: boot.js is not the script this inlines: {boot!r}"
        inline = boot
        digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
        assert html.count("script-src 'self'") == 1, "index.html: no CSP script-src 'self' to allow boot.js by its hash"
        html = html.replace("script-src 'self'", f"script-src 'self' 'sha256-{digest}'", 1)
        html = html.replace(boot_tag, f"<script>{inline}</script>", 1)
        (root / "analysis/boot.js").unlink()
        # The stylesheets (minified above) written into the page, one <style> where the first
        # <link> was, allowed by its hash in a style-src of 'self' and that hash: a stylesheet
        # blocks the first layout until it has arrived, and the page's three waited for
        # connections behind the module, the sample and the scripts (HTTP/1.1: six at a time).
        # A scratch test (fresh profile, 7 rounds): first contentful paint 324 ms with the three
        # <link>s, 224 with the CSS inlined, 276 with one CSS file. A file that no other page of
        # the build links (embed/demo.html links palette.css) goes.
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">\n', html)
        assert sheets, "index.html: no stylesheet to inline"
        css = "".join((root / href).read_text(encoding="utf-8").strip() + "\n" for href in sheets)
        assert not re.search(r"url\(|@import|</style", css, re.I), "a stylesheet loads other files or closes <style>: cannot inline it"
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        assert "style-src" not in html, "index.html: a style-src already"
        html = html.replace("; worker-src 'self'", f"; style-src 'self' 'sha256-{digest}'; worker-src 'self'", 1)
        assert f"'sha256-{digest}'" in html, "index.html: no CSP worker-src to put style-src before"
        html = html.replace(f'<link rel="stylesheet" href="{sheets[0]}">\n', f"<style>{css}</style>\n", 1)
        for href in sheets[1:]:
            html = html.replace(f'<link rel="stylesheet" href="{href}">\n', "", 1)
        others = [p.read_text(encoding="utf-8") for p in root.rglob("*.html") if p != page]
        for href in sheets:
            if not any(pathlib.PurePosixPath(href).name in other for other in others):
                (root / href).unlink()
        # Preload what the bundled app.js imports (its chunk), not the sources; not the glue,
        # which the worker holds.
        def chunks(entry):
            code = (root / entry).read_text(encoding="utf-8")
            found = re.findall(r'(?:^|;)import(?:\{[^}]*\}from)?"\./([^"]+)"', code, re.M)
            return sorted(set(str(pathlib.PurePosixPath(entry).parent / f) for f in found))
        wanted = chunks("app.js")
        assert wanted, "app.js: no chunk found to preload"
        links = [f'<link rel="modulepreload" href="{href}">' for href in wanted]
        old = re.findall(r'<link rel="modulepreload" href="[^"]+">\n', html)
        assert old, "index.html: no modulepreload links"
        html = html.replace(old[0], "\n".join(links) + "\n", 1)
        for link in old[1:]:
            html = html.replace(link, "", 1)
    page.write_text(html, encoding="utf-8")
PY

gz() { gzip -9c "$1" | wc -c; }
raw=0 packed=0
for f in "${sources[@]}" "${files[@]}"; do raw=$((raw + $(gz "www/$f"))); done
mapfile -t shipped < <(cd "$out" && find . -path ./embed -prune -o -type f \( -name '*.js' -o -name '*.css' \) -print)
for f in "${shipped[@]}"; do packed=$((packed + $(gz "$out/$f"))); done
echo "build-site: $out: JS and CSS $raw → $packed bytes gzipped (each file alone), index.html $(gz "$out/index.html") (its CSS and boot.js inline)"
