#!/usr/bin/env node
/**
 * A tiny static file server, to check that the built app works from a
 * sub-path as a plain web server would serve it (GitHub Pages, nginx, a
 * file share), not only from `/` as `vite preview` does. No dependency:
 * node:http alone.
 *
 *   node scripts/serve-static.mjs [--root dist] [--base /some/deep/path/] [--port 0] [--host 127.0.0.1]
 *
 * Serves ROOT's files under BASE only: anything outside BASE is a 404, so
 * a root-absolute URL in the app (`/favicon.svg`) shows up as an error
 * instead of being found by luck. BASE without its trailing slash redirects
 * to it (as web servers do for a folder), a folder serves its index.html.
 * Prints `serving <url>` once listening (port 0: any free port), and each
 * request that failed on stderr.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const root = resolve(option('root', 'dist'));
const rawBase = option('base', '/');
const base = `/${rawBase.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
const host = option('host', '127.0.0.1');
const port = Number(option('port', '0'));

/** The file for a URL path inside BASE, or null (outside BASE, outside ROOT, or missing). */
function fileFor(pathname) {
  if (!pathname.startsWith(base)) return null;
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return null;
  }
  const file = resolve(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) return null; // no way out of ROOT (../)
  try {
    const st = statSync(file);
    if (st.isDirectory()) return statSync(join(file, 'index.html')).isFile() ? join(file, 'index.html') : null;
    return st.isFile() ? file : null;
  } catch {
    return null;
  }
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const fail = (status, text) => {
    process.stderr.write(`${status} ${req.method} ${url.pathname}\n`);
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'Method not allowed\n');
  if (`${url.pathname}/` === base) {
    res.writeHead(301, { location: base + url.search });
    return res.end();
  }
  const file = fileFor(url.pathname);
  if (file === null) return fail(404, 'Not found\n');
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
});

server.listen(port, host, () => {
  const address = server.address();
  const shown = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`serving http://${host}:${shown}${base}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.closeAllConnections(); // keep-alive connections would hold close() open
    server.close(() => process.exit(0));
  });
}
