import Placeholder from '../../../../components/Placeholder'

/** The distribution subpackage exists from the start; the distributor centre comes here. */
export default function Distribution() {
  return <Placeholder title='分销中心' line='这里将展示推荐关系、佣金明细与提现。' />
}
