import { useCallback, useEffect, useRef, useState } from 'react'
import type { HistoryItem } from '../../contracts/api'
import { wallet } from '../services'

export interface History {
  items: HistoryItem[]
  loading: boolean
  error: unknown
  hasMore: boolean
  /** next page after the last loaded one; ignored while a load is running */
  loadMore: () => Promise<void>
  /** back to the first page */
  reload: () => Promise<void>
}

/** Balance history, newest first, page by page via the server's cursor. */
export function useHistory(): History {
  const [items, setItems] = useState<HistoryItem[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [hasMore, setHasMore] = useState(false)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)
  const busy = useRef(false)
  const generation = useRef(0)

  const fetchPage = useCallback(async (after: string | null) => {
    if (busy.current && after !== null) return
    busy.current = true
    const gen = after === null ? ++generation.current : generation.current
    setLoading(true)
    try {
      const page = await wallet.history(after ?? undefined)
      if (gen !== generation.current) return
      setItems((prev) => (after === null ? page.items : [...prev, ...page.items]))
      setCursor(page.nextCursor)
      setHasMore(page.nextCursor !== null)
      setError(null)
    } catch (e) {
      if (gen === generation.current) setError(e)
    } finally {
      if (gen === generation.current) {
        busy.current = false
        setLoading(false)
      }
    }
  }, [])

  useEffect(() => {
    void fetchPage(null)
  }, [fetchPage])

  const loadMore = useCallback(async () => {
    if (cursor !== null) await fetchPage(cursor)
  }, [cursor, fetchPage])
  const reload = useCallback(() => fetchPage(null), [fetchPage])

  return { items, loading, error, hasMore, loadMore, reload }
}
