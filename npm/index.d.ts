export type {
  Analysis, AnalyzeOptions, Entity, EntityKind, Group, Person, Quote, QuoteKind, Said,
  Sentence, Speaker, Summary, TextSpan,
} from './pkg/newslens.js';
export { analyze, analyzeWith, version } from './pkg/newslens.js';
/** Loads the wasm, once: from `source` (a URL, a Response, bytes or a compiled module),
 * else from beside this module. In Node it is loaded already: this resolves at once. */
export function init(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export default init;
