import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { DemoUser } from '../../../contracts/api'
import { ensureDevOpenid, listDevUsers, setDevOpenid } from '../../services/dev-users.h5'
import type { DevUserSwitcherProps } from './index'
import './index.scss'

const ROLE: Record<DemoUser['role'], string> = {
  customer: '顾客',
  distributor: '分销员',
  cashier: '收银员',
  store_manager: '店长',
  admin: '总部管理员'
}

export default function DevUserSwitcher({ onSwitch }: DevUserSwitcherProps) {
  const [users, setUsers] = useState<DemoUser[]>([])
  const [current, setCurrent] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    let alive = true
    Promise.all([listDevUsers(), ensureDevOpenid()]).then(
      ([list, openid]) => {
        if (!alive) return
        setUsers(list)
        setCurrent(openid)
      },
      () => alive && setFailed(true)
    )
    return () => {
      alive = false
    }
  }, [])

  const choose = (user: DemoUser) => {
    if (user.openid === current) return
    setDevOpenid(user.openid)
    setCurrent(user.openid)
    onSwitch?.(user)
  }

  const me = users.find((u) => u.openid === current)
  return (
    <View id='dev-user-switcher' className='dev-switcher'>
      <View className='dev-switcher__head'>
        <Text className='dev-switcher__label'>本地演示 · 当前用户</Text>
        <Text id='dev-user-current' className='dev-switcher__current'>
          {me ? me.name : failed ? '无法读取演示用户' : '…'}
        </Text>
      </View>
      <View className='dev-switcher__options'>
        {users.map((u) => (
          <View
            key={u.openid}
            id={`dev-user-${u.openid}`}
            className={`dev-switcher__option${u.openid === current ? ' dev-switcher__option--active' : ''}`}
            onClick={() => choose(u)}
          >
            <Text className='dev-switcher__name'>{u.name}</Text>
            <Text className='dev-switcher__role'>{ROLE[u.role] ?? u.role}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
