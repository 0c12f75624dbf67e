// How deck names show their levels, as the learner types them.

/** Between the levels of a deck name: `Interview::Systems` is Systems inside Interview. */
export const SEPARATOR_TEXT = '::';
