// Browsers and bundlers: call `await init()` once, then analyze.
import wasmInit, { analyze, analyzeWith, version } from './pkg/newslens.js';

let ready = null;

/** Loads the wasm, once: from `source` (a URL, a Response, bytes or a compiled module),
 * else from beside this module (with a bundler: beside the bundle). */
export function init(source) {
  ready ??= wasmInit(source === undefined ? undefined : { module_or_path: source }).then(() => {});
  return ready;
}

export { analyze, analyzeWith, version };
export default init;
