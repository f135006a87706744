import { Button } from '@nutui/nutui-react-taro'
import type { ShareInviteProps } from './index'

/** open-type share: WeChat opens the friend picker with the card useShareAppMessage returns. */
export default function ShareInvite(_props: ShareInviteProps) {
  return (
    <Button id='invite-share' type='primary' block openType='share'>
      发送给微信好友
    </Button>
  )
}
