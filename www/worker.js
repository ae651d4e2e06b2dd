// Runs the analysis off the page's main thread, so long articles never freeze it.
import init, { analyzeWith, version } from './pkg/newslens.js';

const ready = init().then(() => postMessage({ type: 'ready', version: version() }));

/** How many entities, quotes or sentences one message carries at most, for a client
 * that asks for a long result in parts: receiving each part is a task of its own on
 * the client's thread, where one message of the whole result blocked it for long. */
const PART = 2000;

onmessage = async (event) => {
  // `quotes`: how quotes are found ("rules", "quoted" or "all"; the default if absent).
  // `parts`: long layers come first in messages `{ type: 'part', id, key, items }`, in
  // order, and the result then holds them empty.
  const { id, text, quotes, parts } = event.data;
  await ready;
  try {
    const t0 = performance.now();
    const result = analyzeWith(text, quotes ? { quotes } : undefined);
    const ms = performance.now() - t0;
    for (const key of parts ? ['entities', 'quotes', 'sentences'] : []) {
      const items = result[key];
      if (items.length <= PART) continue;
      for (let i = 0; i < items.length; i += PART) {
        postMessage({ type: 'part', id, key, items: items.slice(i, i + PART) });
      }
      result[key] = [];
    }
    postMessage({ type: 'result', id, result, ms });
  } catch (err) {
    postMessage({ type: 'error', id, message: String(err && err.message || err) });
  }
};
