// Formulas to HTML with KaTeX: never runs TeX, never trusts commands that load or link things.
import katex from 'katex';

/** Shorthands the built-in decks use; documented in docs/deck-format.md. */
export const TEX_MACROS: Readonly<Record<string, string>> = {
  '\\E': '\\mathbb{E}',
  '\\R': '\\mathbb{R}',
  '\\Var': '\\operatorname{Var}',
  '\\Cov': '\\operatorname{Cov}',
  '\\KL': 'D_{\\mathrm{KL}}',
  '\\argmax': '\\operatorname*{arg\\,max}',
  '\\argmin': '\\operatorname*{arg\\,min}',
  '\\softmax': '\\operatorname{softmax}',
};

function options(display: boolean) {
  return {
    displayMode: display,
    throwOnError: true,
    output: 'htmlAndMathml' as const,
    trust: false,
    strict: 'ignore' as const,
    // A formula from an untrusted deck must not expand forever or draw huge boxes.
    maxExpand: 1000,
    maxSize: 20,
    macros: { ...TEX_MACROS },
  };
}

/** Renders TeX; on a TeX error shows the source, marked, with the error as its title. */
export function renderTex(tex: string, display: boolean): string {
  try {
    return katex.renderToString(tex, options(display));
  } catch (error) {
    return texAsSource(tex, display, error instanceof Error ? error.message : String(error));
  }
}

/** A formula shown as its TeX, marked, with why it is not drawn as its title. */
export function texAsSource(tex: string, display: boolean, why: string): string {
  const tag = display ? 'div' : 'span';
  return `<${tag} class="math-error" title="${escapeHtml(why)}">${escapeHtml(tex)}</${tag}>`;
}

/** The KaTeX error for a formula, or null when it renders; used by the deck checks. */
export function texError(tex: string, display: boolean): string | null {
  try {
    katex.renderToString(tex, { ...options(display), strict: 'error' });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
