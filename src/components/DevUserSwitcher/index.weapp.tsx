/** In the mini-program WeChat says who the user is; there is nothing to switch. */
export default function DevUserSwitcher(): null {
  return null
}
