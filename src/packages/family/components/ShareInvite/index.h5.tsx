import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { ShareInviteProps } from './index'

/** The web build has no WeChat share: the link is copied to send by hand. */
export default function ShareInvite({ path }: ShareInviteProps) {
  return (
    <Button id='invite-share' type='primary' block onClick={() => void Taro.setClipboardData({ data: `${window.location.origin}/#${path}` })}>
      复制邀请链接
    </Button>
  )
}
