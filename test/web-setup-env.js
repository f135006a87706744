// jest `web` project, before the test framework: make the Taro runtime behave like the H5 build.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
global.ENABLE_INNER_HTML = true
global.ENABLE_ADJACENT_HTML = true
global.ENABLE_SIZE_APIS = true
global.ENABLE_TEMPLATE_CONTENT = true
global.ENABLE_MUTATION_OBSERVER = true
global.ENABLE_CLONE_NODE = true
global.ENABLE_CONTAINS = true
global.DEPRECATED_ADAPTER_COMPONENT = false
global.__TARO_FRAMEWORK__ = 'react'
// build-time constant from config/index.ts defineConstants
global.CHUZHI_CLOUD_ENV = ''
// load @tarojs/taro first (CJS import cycle @tarojs/router <-> @tarojs/components <-> @tarojs/taro)
require('@tarojs/taro')
