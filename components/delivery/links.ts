// Small helpers shared by the delivery pages.

/** A contract's delivery page by its number (resolved through the viewer's scope). */
export const deliveryHref = (contractNumber: string) => `/contracts/number/${encodeURIComponent(contractNumber)}/delivery`;
