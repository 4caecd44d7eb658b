// Small helpers shared by the delivery pages.

/** A contract's delivery page by its number (resolved through the viewer's scope). */
export const deliveryHref = (contractNumber: string) => `/contracts/number/${encodeURIComponent(contractNumber)}/delivery`;

/**
 * A short fingerprint of a file's content for idempotency keys: SHA-256 where the browser offers it (secure
 * contexts), else two independent 32-bit FNV-1a hashes, plenty to tell one person's files apart.
 */
export async function contentKey(text: string): Promise<string> {
  if (globalThis.crypto?.subtle) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest).slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
  }
  const fnv = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    return h.toString(16).padStart(8, "0");
  };
  return `${fnv(2166136261)}${fnv(0x811c9dc5 ^ text.length)}${text.length.toString(16)}`;
}
