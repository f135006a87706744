// What the webpack h5 build does for `@tarojs/taro`: taro-h5 APIs + React hooks from the framework plugin
import taro from '@tarojs/taro-h5'
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime'
export * from '@tarojs/taro-h5'
export const {
  useDidHide, useDidShow, useError, useLaunch, useLoad, usePageScroll, usePullDownRefresh,
  useReachBottom, useReady, useResize, useRouter, useShareAppMessage, useShareTimeline,
  useTabItemTap, useUnload, useAddToFavorites, useOptionMenuClick, usePageNotFound,
  useTitleClick, useUnhandledRejection, useScope, useSaveExitState, useKeyboardHeight, usePullIntercept
} = hooks
Object.keys(hooks).filter(k => /^use[A-Z]/.test(k)).forEach(k => { taro[k] = hooks[k] })
export default taro
