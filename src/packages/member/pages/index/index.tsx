import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import TierBadge from '../../../../components/TierBadge'
import { useRemote } from '../../../../hooks/useRemote'
import { yuan } from '../../../../lib/money'
import { errorText, wallet } from '../../../../services'
import type { MemberView } from '../../../../../contracts/wallet'
import './index.scss'

const go = (url: string) => () => void Taro.navigateTo({ url })

/**
 * 会员等级: the member's tier and what it gives, how much more principal reaches the next tier,
 * and new tier terms to accept. The tier follows the server's records (net principal recharged).
 */
export default function Member() {
  const remote = useRemote(() => wallet.member(), [])
  const [accepted, setAccepted] = useState<MemberView | null>(null)
  const [accepting, setAccepting] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const m = accepted ?? remote.data

  if (!m) {
    return (
      <View className='page member'>
        <PageHeader title='会员等级' />
        {remote.error ? <ErrorState error={remote.error} onRetry={() => void remote.reload()} /> : <LoadingState rows={6} />}
      </View>
    )
  }

  const accept = async () => {
    if (!m.pendingTerms || accepting) return
    setAccepting(true)
    setNotice(null)
    try {
      setAccepted(await wallet.acceptTerms(m.pendingTerms.version))
    } catch (e) {
      setNotice(errorText(e))
    } finally {
      setAccepting(false)
    }
  }

  return (
    <View className='page member'>
      <PageHeader title='会员等级' />
      {m.tier ? (
        <View id='member-card' className='member__card'>
          <View className='member__head'>
            <Text id='member-tier' className='member__tier'>
              {m.tier.name}
            </Text>
            <TierBadge tier={m.tier} />
          </View>
          <Text id='member-discount' className='member__discount'>
            会员折扣：{m.discountLabel}
          </Text>
          <Text id='member-recharged' className='member__meta'>
            累计充值本金{yuan(m.netRecharged)}
          </Text>
          {m.memberCode ? (
            <Text id='member-code' className='member__meta'>
              会员码 {m.memberCode}（到店出示给店员查询）
            </Text>
          ) : null}
        </View>
      ) : (
        <EmptyState id='member-empty' text='首次充值即成为会员，享会员折扣' action={{ text: '去充值', onClick: go('/pages/recharge/index') }} />
      )}

      {m.next ? (
        <View id='member-next' className='member__next'>
          <Text className='member__next-title'>
            再充值<Text id='member-needed' className='member__needed'>{yuan(m.next.needed)}</Text>升级为{m.next.name}
          </Text>
          <Text className='muted'>
            累计充值本金满{yuan(m.next.threshold)}即可升级（退款会扣减累计金额）
          </Text>
        </View>
      ) : m.tier ? (
        <Text id='member-top' className='muted member__top'>
          您已是最高等级
        </Text>
      ) : null}

      {m.pendingTerms ? (
        <View id='member-terms' className='member__terms'>
          <Text className='member__terms-title'>会员等级规则更新</Text>
          <Text id='member-terms-changes' className='member__terms-text'>
            {m.pendingTerms.changes}
          </Text>
          <Button id='terms-accept' type='primary' block loading={accepting} onClick={() => void accept()}>
            同意新规则
          </Button>
          {notice ? (
            <Text id='terms-error' className='error-text'>
              {notice}
            </Text>
          ) : null}
        </View>
      ) : null}

      {m.benefits.length > 0 ? (
        <>
          <Text className='section-title'>会员权益</Text>
          <View id='member-benefits' className='member__benefits'>
            {m.benefits.map((b) => (
              <Text key={b} className='member__benefit'>
                · {b}
              </Text>
            ))}
          </View>
        </>
      ) : null}

      <Cell.Group className='member__links'>
        <View id='go-coupons' onClick={go('/packages/member/pages/coupons/index')}>
          <Cell title='我的优惠券' extra='查看' />
        </View>
        <View id='go-points' onClick={go('/packages/member/pages/points/index')}>
          <Cell title='我的积分' extra='查看' />
        </View>
      </Cell.Group>
    </View>
  )
}
