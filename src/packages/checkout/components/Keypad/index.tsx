import { Text, View } from '@tarojs/components'
import { KEYS, type Key } from '../../lib/keypad'
import './index.scss'

const LABEL: Partial<Record<Key, string>> = { '.': '.', del: '删除' }
const id = (k: Key) => (k === '.' ? 'key-dot' : `key-${k}`)

/** The bill keypad: twelve large keys (≥ 44 px), no system keyboard, no text field to mistype in. */
export default function Keypad({ onKey }: { onKey: (key: Key) => void }) {
  return (
    <View id='keypad' className='keypad'>
      {KEYS.map((k) => (
        <View key={k} id={id(k)} className={`keypad__key${k === 'del' ? ' keypad__key--del' : ''}`} onClick={() => onKey(k)}>
          <Text>{LABEL[k] ?? k}</Text>
        </View>
      ))}
    </View>
  )
}
