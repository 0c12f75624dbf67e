// The file a learner dropped on the window, handed from the drop to the import screen.
let pending: File | null = null;

export function setDroppedFile(file: File): void {
  pending = file;
}

export function takeDroppedFile(): File | null {
  const file = pending;
  pending = null;
  return file;
}

/** A file's bytes as base64, for the import call (chunked: a large file would overflow the stack). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
