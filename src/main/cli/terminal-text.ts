// Text for a person's terminal: control characters from imported cards and deck names never reach it.

/**
 * C0 controls but tab and line feed, DEL, and C1 controls (0x80–0x9f, which some terminals take as
 * ESC sequences too). A field holding `ESC ] 0 ; … BEL` would otherwise set the terminal's title,
 * and `ESC [ 2 J` clear its screen. JSON output needs none of this: JSON.stringify escapes them.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, '');
}
