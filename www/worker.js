// Runs the analysis off the page's main thread, so long articles never freeze it.
import init, { analyze, version } from './pkg/newslens.js';

const ready = init().then(() => postMessage({ type: 'ready', version: version() }));

onmessage = async (event) => {
  const { id, text } = event.data;
  await ready;
  try {
    const t0 = performance.now();
    const result = analyze(text);
    postMessage({ type: 'result', id, result, ms: performance.now() - t0 });
  } catch (err) {
    postMessage({ type: 'error', id, message: String(err && err.message || err) });
  }
};
