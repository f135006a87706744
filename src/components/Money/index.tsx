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
  // Price turns a price that equals 0 into the number 0 and then drops its decimals ("¥0."); for
  // zero only, let it pad 2 digits itself (no fraction to round, so no float can creep in)
  if (fen === 0) return <Price className={className} price={0} digits={2} thousands symbol='¥' size={size} color={color} />
  return <Price className={className} price={yuanDigits(fen)} digits={null} thousands symbol='¥' size={size} color={color} />
}
