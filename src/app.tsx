import type { PropsWithChildren } from 'react'
import { boot } from './platform/boot'
import './app.scss'

// Platform start-up (weapp: Taro.cloud.init) runs once, before any page can call a function.
boot()

export default function App({ children }: PropsWithChildren) {
  // children is the page being shown
  return children
}
