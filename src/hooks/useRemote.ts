import { useCallback, useEffect, useRef, useState } from 'react'

export interface Remote<T> {
  data: T | null
  error: unknown
  loading: boolean
  /** loads again; answers of earlier, slower loads are dropped */
  reload: () => Promise<void>
}

/**
 * Loads `load()` on mount and whenever `deps` change. Keeps the last good data while
 * reloading so screens don't flash. Only the newest request may write state.
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[]): Remote<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(true)
  const seq = useRef(0)
  const alive = useRef(true)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    try {
      const value = await loadRef.current()
      if (alive.current && mine === seq.current) {
        setData(value)
        setError(null)
      }
    } catch (e) {
      if (alive.current && mine === seq.current) setError(e)
    } finally {
      if (alive.current && mine === seq.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  return { data, error, loading, reload }
}
