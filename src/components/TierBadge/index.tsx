import { Text } from '@tarojs/components'
import type { TierView } from '../../../contracts/api'
import './index.scss'

/** The member's tier as the server names it (placeholder tiers for now). */
export default function TierBadge({ tier }: { tier: TierView | null }) {
  if (!tier) return null
  return (
    <Text id='tier-badge' className={`tier-badge tier-badge--${tier.code}`}>
      {tier.name}
    </Text>
  )
}
