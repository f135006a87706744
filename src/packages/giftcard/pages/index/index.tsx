import Placeholder from '../../../../components/Placeholder'

/** The gift-card subpackage exists from the start; buying, gifting and claiming come here. */
export default function GiftCards() {
  return <Placeholder title='礼品卡' line='这里将提供礼品卡的购买、赠送与领取。' />
}
