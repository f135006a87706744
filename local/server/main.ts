import path from 'path'
import fs from 'fs'
import { startStack } from './stack'

/** `npm start`: the whole app on 127.0.0.1:$PORT with data under $CHUZHI_DATA_DIR. */
async function main() {
  const root = path.join(__dirname, '..', '..')
  const dataDir = path.resolve(root, process.env.CHUZHI_DATA_DIR ?? '.data')
  fs.mkdirSync(dataDir, { recursive: true })
  const stack = await startStack({
    port: Number(process.env.PORT ?? 8080),
    dataDir,
    h5Dir: path.join(root, 'dist-h5'),
    builtFunctions: true,
    timeScale: Number(process.env.WECHATPAY_SIM_TIME_SCALE ?? 0.1),
    cronEveryMs: Number(process.env.CHUZHI_CRON_MS ?? 30_000),
    log: (l) => console.log(`[chuzhi] ${l}`)
  })
  console.log(`[chuzhi] data: ${dataDir}`)
  console.log(`[chuzhi] WeChat Pay: ${stack.simulator ? 'v3 simulator on the same port' : process.env.WECHATPAY_BASE_URL}`)
  // last, so it is the line left on screen: the address to open
  console.log(`[chuzhi] ready: open ${stack.url}/ (a phone-sized window shows it as members see it; Ctrl-C stops)`)
  const stop = async () => {
    await stack.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
