import Taro from '@tarojs/taro'
import { configure as configureIcons } from '@nutui/icons-react-taro'

/** Mini-program start-up: cloud connection, and NutUI icons as <view> instead of HTML <i>. */
export function boot(): void {
  // CHUZHI_CLOUD_ENV comes from TARO_APP_CLOUD_ENV at build time; '' = the default env.
  Taro.cloud.init({ env: CHUZHI_CLOUD_ENV || undefined, traceUser: true })
  // NutUI icons (checkbox tick, loading spinner) render an HTML <i>, which the mini-program only
  // knows with @tarojs/plugin-html; a plain view with the same classes draws the same mask icon.
  configureIcons({ tag: 'view' })
}
