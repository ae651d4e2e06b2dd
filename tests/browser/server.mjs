// A tiny static server for www/ on 127.0.0.1 (a free port), for the browser tests and
// the browser benchmark. It records every path asked for. SITE_ROOT serves another
// folder, and SITE_BASE names the sub-folder the page is in (`make test-site` serves
// the unpacked site zip from /tools/newslens/).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = process.env.SITE_ROOT
  ? join(process.env.SITE_ROOT, '/')
  : fileURLToPath(new URL('../../www/', import.meta.url));
const BASE = process.env.SITE_BASE || '/';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8', '.png': 'image/png', '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};

/** Serves `root` (www/, or SITE_ROOT) with the page at `base` (SITE_BASE, or /). */
export async function serve(root = ROOT, base = BASE) {
  root = join(root, '/');
  const requested = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requested.push(path);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${base}`, requested, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
