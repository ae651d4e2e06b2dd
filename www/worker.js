// Runs the analysis off the page's main thread, so long articles never freeze it.
import init, { analyzeWith, version } from './pkg/newslens.js';

const ready = init().then(() => postMessage({ type: 'ready', version: version() }));

onmessage = async (event) => {
  // `quotes`: how quotes are found ("rules", "quoted" or "all"; the default if absent).
  const { id, text, quotes } = event.data;
  await ready;
  try {
    const t0 = performance.now();
    const result = analyzeWith(text, quotes ? { quotes } : undefined);
    postMessage({ type: 'result', id, result, ms: performance.now() - t0 });
  } catch (err) {
    postMessage({ type: 'error', id, message: String(err && err.message || err) });
  }
};
