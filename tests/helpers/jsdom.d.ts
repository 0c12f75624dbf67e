// Types for the part of jsdom the tests call directly (jsdom ships none, and vitest's jsdom environment needs none).
declare module 'jsdom' {
  export class JSDOM {
    /** Parses HTML as the body of a page would hold it, without a window. */
    static fragment(html: string): DocumentFragment;
  }
}
