// Types for turndown-plugin-gfm, which ships none: its GitHub-flavoured rules (tables, strikethrough) as one plugin.
declare module 'turndown-plugin-gfm' {
  import type TurndownService from 'turndown';
  export const gfm: TurndownService.Plugin;
}
