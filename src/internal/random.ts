// Unguessable identifiers (idempotency keys, slot names, frame tokens), also in insecure contexts
// where crypto.randomUUID does not exist.
export const randomId = (bytes = 16): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');
