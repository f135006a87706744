/**
 * Every collection the functions use, and the indexes each needs.
 *
 * This is the one place that says which fields are queried. The local cloud reads it to
 * push equality and range filters on these fields down into SQLite; in production, create the
 * same indexes in the WeChat cloud console (云开发控制台 → 数据库 → 集合 → 索引管理) before
 * going live. `_id` is always indexed and unique and is not listed.
 *
 * Locally (local/cloud/store.ts) each index becomes a SQLite expression index, and equality, `$in`
 * and number/Date ranges on these fields (also inside a top-level `_.and`) are answered through it;
 * everything else about a query still runs in mingo. Keep indexed fields scalar (string, number,
 * boolean, Date): once a field holds an array, MongoDB matches its elements and the local cloud
 * stops using the index for that field (results stay right, only slower).
 */
export interface IndexSpec {
  /** index name as you type it in the console */
  name: string
  /** fields in order; 1 ascending, -1 descending */
  fields: Array<[field: string, order: 1 | -1]>
  unique?: boolean
}

export const COLLECTIONS = {
  settings: 'settings',
  stores: 'stores',
  plans: 'plans',
  campaigns: 'campaigns',
  members: 'members',
  accounts: 'accounts',
  journal: 'journal',
  lots: 'lots',
  orders: 'orders',
  payments: 'payments',
  /** 充值免单 use: a budget document per rule and store, a limit document per rule and member (server/bills/free.ts) */
  bills: 'bills',
  campaignUses: 'campaign_uses',
  shipping: 'shipping_uploads',
  payIncidents: 'pay_incidents',
  staff: 'staff',
  demoUsers: 'demo_users',
  coupons: 'coupons',
  points: 'points',
  memberCodes: 'member_codes',
  recon: 'recon',
  family: 'family',
  refunds: 'refunds',
  payouts: 'payouts',
  paymentReturns: 'payment_returns'
} as const

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]

export const INDEXES: Record<CollectionName, IndexSpec[]> = {
  settings: [],
  stores: [],
  plans: [{ name: 'active_sort', fields: [['active', 1], ['sort', 1]] }],
  campaigns: [{ name: 'window', fields: [['endsAt', 1]] }],
  // staff find a member by phone or member code (ops.memberFind)
  members: [
    { name: 'phone', fields: [['phone', 1]] },
    { name: 'member_code', fields: [['memberCode', 1]] }
  ],
  accounts: [{ name: 'owner', fields: [['owner', 1]] }],
  // the member's history: newest first
  journal: [
    { name: 'member_time', fields: [['memberId', 1], ['createdAt', -1]] },
    { name: 'created', fields: [['createdAt', 1]] }
  ],
  lots: [{ name: 'member_paid', fields: [['openid', 1], ['paidAt', 1]] }],
  orders: [
    { name: 'status_expire', fields: [['status', 1], ['expireAt', 1]] },
    { name: 'openid_created', fields: [['openid', 1], ['createdAt', -1]] },
    // reconciliation lists a day's credited recharges by WeChat Pay's success time (server/recon)
    { name: 'status_paid', fields: [['status', 1], ['paidAt', 1]] }
  ],
  // a member's payments from the balance (checkout), newest first; an owner's family payments (family.list)
  payments: [
    { name: 'openid_created', fields: [['openid', 1], ['createdAt', -1]] },
    { name: 'owner_created', fields: [['owner', 1], ['createdAt', -1]] }
  ],
  // read by _id only
  bills: [],
  campaign_uses: [{ name: 'member_campaign', fields: [['openid', 1], ['campaignId', 1]] }],
  shipping_uploads: [{ name: 'status_next', fields: [['status', 1], ['nextAttemptAt', 1]] }],
  pay_incidents: [{ name: 'created', fields: [['createdAt', -1]] }],
  staff: [],
  demo_users: [],
  // a member's coupons (wallet.coupons), latest ending first
  coupons: [{ name: 'openid_ends', fields: [['openid', 1], ['endsAt', -1]] }],
  // a member's points entries, newest first (wallet.points)
  points: [{ name: 'openid_created', fields: [['openid', 1], ['createdAt', -1]] }],
  member_codes: [],
  // a day's report and its differences; flagged differences for ops.attention, newest first
  recon: [
    { name: 'day', fields: [['day', 1]] },
    { name: 'state_created', fields: [['state', 1], ['createdAt', -1]] }
  ],
  // family (f:<owner>), link (m:<member>) and invite (i:<token>) documents, all read by _id
  family: [],
  // a member's refunds newest first (refund.list); the sweeper's processing refunds, least recently checked first
  refunds: [
    { name: 'openid_created', fields: [['openid', 1], ['createdAt', -1]] },
    { name: 'state_checked', fields: [['state', 1], ['checkedAt', 1]] },
    // reconciliation: refunds touched since a day began (server/refund/recon.ts)
    { name: 'updated', fields: [['updatedAt', 1]] }
  ],
  payouts: [{ name: 'state_created', fields: [['state', 1], ['createdAt', 1]] }],
  // the returns of one payment (A10)
  payment_returns: [{ name: 'payment', fields: [['paymentId', 1]] }]
}
