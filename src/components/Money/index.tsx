import { Price } from '@nutui/nutui-react-taro'
import type { Fen } from '../../../domain/money'
import { yuanDigits } from '../../lib/money'

export interface MoneyProps {
  /** non-negative amount from the server */
  fen: Fen
  size?: 'small' | 'normal' | 'large' | 'xlarge'
  color?: string
  className?: string
}

/** NutUI <Price> fed a ready "12.50" string (digits={null}) so it never rounds through floats;
 * `thousands` only inserts commas into that string. */
export default function Money({ fen, size = 'normal', color = 'primary', className }: MoneyProps) {
  return <Price className={className} price={yuanDigits(fen)} digits={null} thousands symbol='¥' size={size} color={color} />
}
