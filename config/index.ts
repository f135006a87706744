import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// One source, two targets. `taro build --type <t>` sets TARO_ENV before this file loads
// (@tarojs/cli/dist/cli.js), so the output folder can follow the platform.
const platform = process.env.TARO_ENV
if (!platform) throw new Error('config/index.ts: TARO_ENV is not set; run through `taro build --type weapp|h5`')

const root = path.resolve(__dirname, '..')
// Shared TypeScript outside src/ that the app imports (types from contracts/, formatYuan from domain/).
const sharedSources = [path.join(root, 'contracts'), path.join(root, 'domain')]

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'chuzhi',
    date: '2026-11-23',
    // NutUI is drawn at 375px; its own files get designWidth 375, the app keeps 750.
    designWidth(input: any) {
      const file = String(input?.file ?? '').replace(/\\+/g, '/')
      return file.includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: platform === 'h5' ? 'dist-h5' : 'dist',
    // No @tarojs/plugin-html: NutUI's Taro build renders through @tarojs/components only,
    // and the plugin costs ~7 KB of main package (docs/frontend.md).
    plugins: [],
    defineConstants: {
      // WeChat cloud environment id for Taro.cloud.init (app.weapp.ts); '' = the default env.
      CHUZHI_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? '')
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // webpack's persistent cache (node_modules/.cache/webpack, one per NODE_ENV and platform):
    // a rebuild after an edit reuses every unchanged module. It is invalidated when the config,
    // the toolchain's settings or the installed packages change; DefinePlugin values are part
    // of webpack's cache keys, so defineConstants need no entry here.
    cache: {
      enable: true,
      buildDependencies: {
        config: [__filename, path.join(__dirname, 'dev.ts'), path.join(__dirname, 'prod.ts')],
        files: [path.join(root, 'babel.config.js'), path.join(root, 'tsconfig.json'), path.join(root, 'package-lock.json'), path.join(root, 'src', 'app.config.ts')]
      }
    },
    mini: {
      compile: { include: sharedSources },
      // CHUZHI_SOURCEMAP=1 for size attribution (docs/frontend.md); never in a shipped build
      ...(process.env.CHUZHI_SOURCEMAP === '1' ? { enableSourceMap: true, sourceMapType: 'source-map' } : {}),
      // NutUI's icon and component styles land in one shared chunk; their order there is irrelevant.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: sharedSources },
      router: { mode: 'hash' },
      // webpack's 250 KB size hints printed the same warning three times per build. The H5 app
      // is the local preview, served compressed (local/server/static.ts); the size budget that
      // matters is the mini-program package's, enforced by `npm run size`.
      webpackChain(chain: any) {
        chain.performance.hints(false)
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css'
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      }
    }
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
