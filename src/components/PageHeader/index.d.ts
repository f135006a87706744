export interface PageHeaderProps {
  title: string
  /** show the back arrow (home has none) */
  back?: boolean
}

/**
 * H5 only (index.h5.tsx): NutUI NavBar with the page title and a back arrow, as the mini-program's
 * own navigation bar gives on weapp. index.weapp.tsx renders nothing: WeChat draws the bar.
 */
declare function PageHeader(props: PageHeaderProps): JSX.Element | null
export default PageHeader
