import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input, Popup } from '@nutui/nutui-react-taro'
import { parseYuanInput } from '../../../services'
import { yuanDigits } from '../../../lib/money'
import type { FamilyMemberView } from '../../../../contracts/family'

export interface LimitSheetProps {
  /** the member whose limit is edited; null = closed */
  member: FamilyMemberView | null
  busy: boolean
  error: string | null
  onSave: (limit: number | null) => void
  onClose: () => void
}

/** A bottom sheet to set a member's monthly limit in yuan, or clear it. */
export default function LimitSheet({ member, busy, error, onSave, onClose }: LimitSheetProps) {
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    setText(member?.limit != null ? yuanDigits(member.limit) : '')
    setProblem(null)
  }, [member])
  const save = () => {
    const parsed = parseYuanInput(text)
    if (!parsed.ok || parsed.fen <= 0) return setProblem('请输入大于0的金额，最多两位小数')
    onSave(parsed.fen)
  }
  return (
    <Popup visible={member !== null} position='bottom' round closeable title={member ? `${member.name}的每月限额` : ''} onClose={onClose}>
      <View className='family__sheet' id='limit-sheet'>
        <Text className='muted'>家人每月用你的余额付款，合计不超过这个金额；每月1日（北京时间）重新计算。</Text>
        <View className='family__row family__limit-row'>
          <Text>每月限额（元）</Text>
          <Input id='limit-input' className='family__limit-input' type='digit' value={text} placeholder='例如 500' onChange={(v: string) => setText(v)} />
        </View>
        {problem || error ? (
          <Text id='limit-error' className='family__error'>
            {problem ?? error}
          </Text>
        ) : null}
        <Button id='limit-save' type='primary' block loading={busy} onClick={save}>
          保存限额
        </Button>
        <View className='family__gap' />
        <Button id='limit-clear' block disabled={busy} onClick={() => onSave(null)}>
          不限额
        </Button>
      </View>
    </Popup>
  )
}
