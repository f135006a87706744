export interface ShareInviteProps {
  /** the join page path with the token (family.invite) */
  path: string
}

/**
 * Sends the invitation. weapp (index.weapp.tsx): a button with open-type "share", whose card the
 * page's useShareAppMessage fills with the join path. H5 (index.h5.tsx, the local web build): WeChat
 * sharing does not exist there, so the button copies the link instead.
 */
declare function ShareInvite(props: ShareInviteProps): JSX.Element
export default ShareInvite
