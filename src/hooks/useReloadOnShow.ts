import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'

/**
 * Calls `reload` whenever the page comes back into view (back navigation, app foreground),
 * but not on the first show: the mount already loaded.
 */
export function useReloadOnShow(reload: () => unknown): void {
  const seen = useRef(false)
  useDidShow(() => {
    if (seen.current) void reload()
    seen.current = true
  })
}
