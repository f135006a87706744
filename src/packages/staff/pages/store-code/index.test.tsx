import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import StoreCodePage from './index'
import { send } from '../../../../services/transport'

jest.mock('../../../../services/transport', () => ({ send: jest.fn() }))
const mockSend = send as jest.MockedFunction<typeof send>

const STORES = [
  { id: 'store-jingan', name: '静安店' },
  { id: 'store-xuhui', name: '徐汇店' }
]
const codeOf = (id: string, name: string) => ({
  image: `cloud://local.chuzhi-local/codes/store-${id}.png`,
  url: `http://localhost/api/files/codes/store-${id}.png`,
  path: `codes/store-${id}.png`,
  page: 'packages/checkout/pages/index/index',
  scene: id,
  storeName: name
})

function backend(over: { stores?: unknown; code?: (id: string) => unknown } = {}) {
  mockSend.mockImplementation(async (_name, event: any) => {
    if (event.action === 'stores') return over.stores ?? { ok: true, data: { stores: STORES } }
    const store = STORES.find((s) => s.id === event.storeId)!
    return over.code ? over.code(event.storeId) : { ok: true, data: codeOf(store.id, store.name) }
  })
}

afterEach(() => mockSend.mockReset())

test('shows the first store’s code large, with its name and 扫码买单; another store on a tap', async () => {
  backend()
  const { container } = render(<StoreCodePage />)
  await waitFor(() => expect(container.querySelector('#store-code-card')).not.toBeNull())
  expect(container.querySelector('#store-code-store')).toHaveTextContent('静安店')
  expect(container.querySelector('#store-code-card')).toHaveTextContent('扫码买单')
  // H5: the temporary URL on our own origin (the browser cannot read cloud:// fileIDs)
  expect(container.querySelector('#store-code-image img, #store-code-image')?.getAttribute('src')).toBe('http://localhost/api/files/codes/store-store-jingan.png')
  await act(async () => {
    fireEvent.click(screen.getByText('徐汇店'))
  })
  await waitFor(() => expect(container.querySelector('#store-code-store')).toHaveTextContent('徐汇店'))
  expect(mockSend).toHaveBeenCalledWith('ops', { action: 'storeCode', storeId: 'store-xuhui' })
})

test('打印 opens the print dialog (H5)', async () => {
  backend()
  const print = jest.fn()
  const saved = window.print
  window.print = print
  try {
    const { container } = render(<StoreCodePage />)
    await waitFor(() => expect(container.querySelector('#store-code-keep')).not.toBeNull())
    expect(container.querySelector('#store-code-keep')).toHaveTextContent('打印')
    await act(async () => {
      fireEvent.click(container.querySelector('#store-code-keep')!)
    })
    expect(print).toHaveBeenCalledTimes(1)
  } finally {
    window.print = saved
  }
})

test('a person with one store sees no picker', async () => {
  backend({ stores: { ok: true, data: { stores: [STORES[1]] } } })
  const { container } = render(<StoreCodePage />)
  await waitFor(() => expect(container.querySelector('#store-code-card')).not.toBeNull())
  expect(container.querySelector('#store-picker')).toBeNull()
  expect(container.querySelector('#store-code-store')).toHaveTextContent('徐汇店')
})

test('no stores: says so and asks for nothing more', async () => {
  backend({ stores: { ok: true, data: { stores: [] } } })
  const { container } = render(<StoreCodePage />)
  await waitFor(() => expect(container.querySelector('#store-code-empty')).not.toBeNull())
  expect(container.querySelector('#store-code-empty')).toHaveTextContent('您还没有负责的门店')
  expect(mockSend).toHaveBeenCalledTimes(1)
})

test('the code failing: the error in Chinese with a retry that asks again', async () => {
  let n = 0
  backend({ code: (id) => (++n === 1 ? { ok: false, error: { code: 'INTERNAL', message: '微信暂时无法生成门店码（错误码45009），请稍后重试' } } : { ok: true, data: codeOf(id, '静安店') }) })
  const { container } = render(<StoreCodePage />)
  await waitFor(() => expect(container.querySelector('#state-error')).not.toBeNull())
  await act(async () => {
    fireEvent.click(container.querySelector('#state-retry')!)
  })
  await waitFor(() => expect(container.querySelector('#store-code-card')).not.toBeNull())
  expect(n).toBe(2)
})

test('loading, then the stores failing: an error with retry', async () => {
  backend({ stores: { ok: false, error: { code: 'FORBIDDEN', message: '仅限店员使用' } } })
  const { container } = render(<StoreCodePage />)
  expect(container.querySelector('#state-loading')).not.toBeNull()
  await waitFor(() => expect(container.querySelector('#state-error')).not.toBeNull())
})
