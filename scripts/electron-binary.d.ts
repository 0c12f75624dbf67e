// Types of the plain JavaScript helper beside it.
export function electronBinary(): string | null;
