// How a media file name in a card becomes a URL this window may load: set once by the transport, read by the sanitiser.

let resolver: (name: string) => string = (name) => name;

/** Set once by the transport (kept apart from the sanitiser, so that setting it loads no DOMPurify). */
export function setMediaResolver(resolve: (name: string) => string): void {
  resolver = resolve;
}

export function mediaUrl(name: string): string {
  return resolver(name);
}
