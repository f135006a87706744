import { useRouter } from '@tarojs/taro'

/** The page's query (`?outTradeNo=...`), decoded; `{}` when rendered outside a routed page (tests). */
export function usePageParams(): Record<string, string | undefined> {
  // null outside a routed page; no `typeof useRouter` here: Taro's H5 API transform rewrites that name
  const router: { params?: Partial<Record<string, string>> } | null = useRouter()
  const params = router?.params ?? {}
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== 'string') continue
    try {
      out[k] = decodeURIComponent(v)
    } catch {
      out[k] = v
    }
  }
  return out
}
