// Node: the wasm is read from the package and compiled as this module loads, so
// `analyze` works at once, with no init call (and `require('newslens')` works where
// Node can require an ES module: 20.19 and later, 22.12 and later).
import { readFileSync } from 'node:fs';
import { initSync, analyze, analyzeWith, version } from './pkg/newslens.js';

initSync({ module: readFileSync(new URL('./pkg/newslens_bg.wasm', import.meta.url)) });

/** Nothing to wait for in Node: the wasm is loaded already. */
export function init() {
  return Promise.resolve();
}

export { analyze, analyzeWith, version };
export default init;
