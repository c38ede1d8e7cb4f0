// A short, stable name for a text that must not be kept itself (a record URL carrying a phone
// number): enough to recognise the same URL again, useless for reading it back.

/** 64-bit FNV-1a, as 16 hex digits. Not a cryptographic hash: it only has to tell URLs apart. */
export function fingerprint(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 16), 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
