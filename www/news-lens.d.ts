import type { Analysis } from './pkg/newslens.js';

/** `<news-lens>`: analyses its text (its text content, or the `text` attribute or
 * property) and shows, in a shadow root, the article with entities highlighted, the
 * people and organisations it names and who said what (`Analysis.summary`). Fires `analyzed` with the result as `detail`. The
 * `quotes` attribute chooses how quotes are found, as `AnalyzeOptions.quotes`
 * ("all" by default, which finds reported speech in every sentence with a likely cue
 * too; "quoted" only where there are quotation marks, faster; "rules" the rules
 * alone). */
export declare class NewsLens extends HTMLElement {
  /** The text analysed. Setting it analyses again. */
  text: string;
  /** The last analysis, or null before the first one ends. */
  readonly result: Analysis | null;
}

declare global {
  interface HTMLElementTagNameMap { 'news-lens': NewsLens; }
  interface HTMLElementEventMap { analyzed: CustomEvent<Analysis>; }
}
