import type { StoreCode } from '../../../../../contracts/ops'

export const KEEP_LABEL = '打印'

/** The browser cannot read cloud:// fileIDs: the temporary URL (locally, our own origin). */
export const codeImageSrc = (code: StoreCode) => code.url

/** The print dialog; the page's print styles leave only the code card (index.scss). */
export async function keepCode(_code: StoreCode): Promise<string | null> {
  window.print()
  return null
}
