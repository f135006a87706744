/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** WeChat cloud env id, from TARO_APP_CLOUD_ENV at build time (config/index.ts defineConstants). */
declare const CHUZHI_CLOUD_ENV: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    /** the platform being built; set by `taro build --type` */
    TARO_ENV: 'weapp' | 'h5'
    TARO_APP_ID?: string
    /** WeChat cloud environment id used by Taro.cloud.init on weapp */
    TARO_APP_CLOUD_ENV?: string
  }
}
