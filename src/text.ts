// Small text helpers the whole lab shares.

/** Makes a literal value (a path, a token) safe to put inside a RegExp. */
export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
