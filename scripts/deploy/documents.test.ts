// Writing merchant.json into the database through the same SDK the functions use (the local
// cloud here): a re-run writes nothing, a removed plan is switched off, and the demo seed and
// merchant.example.json describe the same documents.
import fs from 'fs'
import path from 'path'
import { openCloud } from '../../local/cloud/test-kit'
import { seedDemo } from '../../local/seed'
import { applyDocuments, canonical, diffDocuments, merchantDocuments, wxDocStore } from './documents'
import { ROOT } from './functions'
import { checkMerchant, type MerchantFile } from './merchant'

let t: ReturnType<typeof openCloud>
beforeEach(() => {
  t = openCloud()
})
afterEach(() => t.local.close())

function example(): MerchantFile {
  const r = checkMerchant(JSON.parse(fs.readFileSync(path.join(ROOT, 'merchant.example.json'), 'utf8')))
  if (!r.ok) throw new Error(r.problems.join('; '))
  return r.merchant
}

test('the first run creates every document; a second run writes nothing', async () => {
  const store = wxDocStore(t.db)
  const docs = merchantDocuments(example())
  const first = await applyDocuments(store, docs)
  expect(first.map((c) => `${c.action} ${c.collection}/${c.id}`)).toEqual(docs.map((d) => `create ${d.collection}/${d.id}`))
  const plan = (await t.db.collection('plans').doc('p1000').get()).data
  expect(canonical(plan)).toBe(canonical(docs.find((d) => d.id === 'p1000')?.data))
  expect(await applyDocuments(store, docs)).toEqual([])
})

test('an edited plan is rewritten, a removed one switched off (not deleted), and nothing else is touched', async () => {
  const store = wxDocStore(t.db)
  const m = example()
  await applyDocuments(store, merchantDocuments(m))
  const edited: MerchantFile = { ...m, plans: [{ ...m.plans[0], tag: '新品' }] }
  const changes = await applyDocuments(store, merchantDocuments(edited))
  expect(changes.map((c) => `${c.action} ${c.collection}/${c.id}`)).toEqual(['update plans/p300', 'switch off plans/p1000'])
  const off = (await t.db.collection('plans').doc('p1000').get()).data
  expect(off.active).toBe(false)
  expect(off.pay).toBe(m.plans[1].pay)
  expect(await diffDocuments(store, merchantDocuments(edited))).toEqual([])
})

test('the demo seed writes exactly the documents merchant.example.json describes (the example is the demo merchant)', async () => {
  expect(await seedDemo()).toBe(true)
  expect(await diffDocuments(wxDocStore(t.db), merchantDocuments(example()))).toEqual([])
})

test('create writes a new document and never overwrites one: an account that already holds money keeps it', async () => {
  const store = wxDocStore(t.db)
  expect(await store.exists('accounts', 's:store-xuhui:fund:0')).toBe(false)
  expect(await store.create('accounts', 's:store-xuhui:fund:0', { kind: 'store_fund', owner: 'store-xuhui', balance: -30000 })).toBe(true)
  expect(await store.exists('accounts', 's:store-xuhui:fund:0')).toBe(true)
  expect(await store.create('accounts', 's:store-xuhui:fund:0', { kind: 'store_fund', owner: 'store-xuhui', balance: 0 })).toBe(false)
  expect((await t.db.collection('accounts').doc('s:store-xuhui:fund:0').get()).data).toMatchObject({ balance: -30000 })
})
