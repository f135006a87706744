import type { DemoUser } from '../../../contracts/api'

export interface DevUserSwitcherProps {
  /** called after the chosen user is stored; reload whatever depends on who is signed in */
  onSwitch?: (user: DemoUser) => void
}

/** H5 only (index.h5.tsx): pick which demo user the local cloud sees. index.weapp.tsx renders nothing. */
declare function DevUserSwitcher(props: DevUserSwitcherProps): JSX.Element | null
export default DevUserSwitcher
