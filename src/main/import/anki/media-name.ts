// Media names from a package's media map, accepted only as one plain file name that Anki itself could have written.
import { isMediaName } from '../../files/contained-path';

/** Characters Anki strips from media names (rslib media/files.rs), besides controls. */
const ANKI_DISALLOWED = /[[\]<>:"/?*^\\|]/;
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Windows refuses these as file names, with or without an extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i;
const MAX_UTF8_BYTES = 255;

/** The NFC form of `raw` when it is a safe media name, or why it is not. */
export function checkMediaName(raw: string): { name: string } | { problem: string } {
  const name = raw.normalize('NFC');
  if (name.length === 0) return { problem: 'the name is empty' };
  if (name.includes('\0')) return { problem: 'the name contains a NUL character' };
  if (/[/\\]/.test(name)) return { problem: 'the name is a path, not a single file name' };
  if (name === '.' || name === '..') return { problem: 'the name points at a folder' };
  if (name.startsWith('.')) return { problem: 'the name starts with a dot (a hidden file)' };
  if (new TextEncoder().encode(name).length > MAX_UTF8_BYTES) return { problem: `the name is longer than ${MAX_UTF8_BYTES} bytes` };
  if (CONTROL.test(name)) return { problem: 'the name contains control characters' };
  if (ANKI_DISALLOWED.test(name)) return { problem: 'the name contains characters Anki never allows in media names' };
  if (WINDOWS_DEVICE.test(name)) return { problem: 'the name is reserved on Windows' };
  if (/[ .]$/.test(name)) return { problem: 'the name ends with a space or a dot' };
  // The app's own rule for media names, applied last so both always agree.
  if (!isMediaName(name)) return { problem: 'the name is not a single plain file name' };
  return { name };
}

/** For messages: the name with anything unprintable made visible. */
export function showName(raw: string): string {
  const shown = JSON.stringify(raw);
  return shown.length > 80 ? `${shown.slice(0, 77)}…"` : shown;
}
