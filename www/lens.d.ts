import type { Analysis, AnalyzeOptions, Quote, TextSpan } from './pkg/newslens.js';

/** A client of one analysis worker: analyses run off the main thread, and a long
 * result comes back in parts, each a task of its own to receive. */
export declare class Analyzer {
  /** Starts the worker; `workerUrl` is where worker.js is (beside this module if absent). */
  constructor(workerUrl?: string | URL);
  /** Resolves with newslens's version once the worker is ready; rejects if it cannot start. */
  readonly ready: Promise<string>;
  /** Analyses `text` in the worker. The result's `ms` (not enumerable) is the time the
   * analysis took there. */
  analyze(text: string, options?: AnalyzeOptions): Promise<Analysis & { readonly ms: number }>;
  /** Stops the worker; analyses not yet answered are rejected. */
  terminate(): void;
}

/** The page's one shared analyser, started on first use. */
export declare function sharedAnalyzer(): Analyzer;

/** Who said what, as the summary lists it, with the unattributed quotes last. */
export declare function speakers(result: Analysis): { key: string; name: string; group: number | null; quotes: number[] }[];
/** What the text marks: entities and role phrases, in text order, none overlapping. */
export declare function marksOf(result: Analysis): (TextSpan & { kind: string; group: number | null; confidence?: number | null; ref?: string; entity?: number })[];
/** Names less sure than this are drawn dimmed (class `unsure`). */
export declare const UNSURE: number;
/** An entity mark's attributes: `data-kind`, a title with its confidence, and `class: 'unsure'` below UNSURE. */
export declare function markAttrs(e: { kind: string; confidence?: number | null }): Record<string, string>;
/** Quotes less likely right than this are shown as unsure (class `unsure`), and the page can hide them. */
export declare const UNSURE_QUOTE: number;
/** How sure a quote's attribution is: "62% sure". */
export declare function quoteSure(q: Quote): string;
/** A quote's class: its kind, and `unsure` below UNSURE_QUOTE. */
export declare function quoteClass(q: Quote): string;
/** A quote's words as DOM nodes: its pieces joined by " … ", the speaker's own words in <em class="own">. */
export declare function words(q: Quote): (string | HTMLElement)[];
/** A cue as a reader names it ("a label and a colon" for a lone ":"). */
export declare function cueText(cue: TextSpan): string;
/** A quote's kind as a reader names it. */
export declare function kindText(kind: string): string;
/** "1 quote", "2 quotes". */
export declare function count(n: number, one: string, many?: string): string;
/** An element with attributes or properties and children. */
export declare function el(tag: string, attrs?: Record<string, unknown>, ...children: (string | Node)[]): HTMLElement;
