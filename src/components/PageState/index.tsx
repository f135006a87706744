import { Image, Text, View } from '@tarojs/components'
import { Button, Empty, Skeleton } from '@nutui/nutui-react-taro'
import { describeError } from '../../services/errors'
import { goBack } from '../../lib/nav'
import emptyImage from '../../assets/empty.png'
import errorImage from '../../assets/error.png'
import './index.scss'

// NutUI's Empty fetches its default pictures from a JD CDN: a mini-program may only load images
// from whitelisted domains and the H5 app must work offline, so ours are bundled.
const picture = (src: string) => <Image className='page-state__image' src={src} mode='aspectFit' />

/** Loading: skeleton rows shaped like the content that is coming. */
export function LoadingState({ rows = 4 }: { rows?: number }) {
  return (
    <View id='state-loading' className='page-state page-state--loading'>
      <Skeleton rows={1} animated width='40%' />
      <View className='page-state__gap' />
      <Skeleton rows={rows} animated />
    </View>
  )
}

export interface ErrorStateProps {
  error: unknown
  /** try the same load again; shown when the catalogue says a retry can help */
  onRetry?: () => void
}

/** Error: a picture, the catalogue's Chinese text, and the one action that can help. */
export function ErrorState({ error, onRetry }: ErrorStateProps) {
  const view = describeError(error)
  const retry = onRetry && (view.action === 'retry' || view.action === 'none')
  return (
    <View id='state-error' className='page-state page-state--error'>
      <Empty image={picture(errorImage)} description={<Text id='state-error-text' className='page-state__text'>{view.text}</Text>} />
      {view.action === 'contact' ? <Text className='page-state__hint'>如需帮助，请联系门店店员</Text> : null}
      <View className='page-state__actions'>
        {retry ? (
          <Button id='state-retry' className='page-state__button' type='primary' onClick={onRetry}>
            重新加载
          </Button>
        ) : (
          <Button id='state-back' className='page-state__button' onClick={goBack}>
            返回
          </Button>
        )}
      </View>
    </View>
  )
}

export interface EmptyStateProps {
  text: string
  id?: string
  /** optional next step, e.g. 去充值 */
  action?: { text: string; onClick: () => void }
}

/** Empty: a bundled picture, what is missing, and the next step when there is one. */
export function EmptyState({ text, id = 'state-empty', action }: EmptyStateProps) {
  return (
    <View id={id} className='page-state page-state--empty'>
      <Empty image={picture(emptyImage)} description={text} />
      {action ? (
        <View className='page-state__actions'>
          <Button className='page-state__button' type='primary' onClick={action.onClick}>
            {action.text}
          </Button>
        </View>
      ) : null}
    </View>
  )
}
