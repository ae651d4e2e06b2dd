// The service worker: keeps the page, the wasm and everything they load in a cache, so
// that after one visit newslens opens and analyses with the network off. Network first
// (a new build is picked up at once when online), the cache when the network fails.
const CACHE = 'newslens-v1';
const SHELL = [
  './', 'index.html', 'app.js', 'lens.js', 'worker.js', 'example.js', 'style.css', 'icon.svg',
  'manifest.webmanifest', 'pkg/newslens.js', 'pkg/newslens_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((c) => c.put(request, copy));
    }
    return response;
  }).catch(() => caches.match(request, { ignoreSearch: true })
    .then((hit) => hit || caches.match('index.html'))));
});
