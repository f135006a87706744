import type { PageHeaderProps } from './index'

/** WeChat draws the navigation bar (title from index.config.ts, back arrow by the page stack). */
export default function PageHeader(_props: PageHeaderProps) {
  return null
}
