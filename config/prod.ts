import type { UserConfigExport } from '@tarojs/cli'

// Production: Taro minifies (terser + csso) by default. Size budgets are enforced by scripts/size.js.
export default {
  mini: {},
  h5: {}
} satisfies UserConfigExport<'webpack5'>
