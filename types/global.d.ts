/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    /** NODE 内置环境变量，会影响最终构建产物 */
    NODE_ENV?: 'development' | 'production' | 'test'
    /** 当前构建的平台 */
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** 当前构建的小程序 appid（.env.* 中配置，缺省 touristappid） */
    TARO_APP_ID?: string
    /** 小程序访问后端的方式：https（Taro.request）或 cloud（云托管 callContainer）。H5 忽略。 */
    TARO_APP_API_TRANSPORT?: 'https' | 'cloud' | ''
    /** https 方式的后端地址，不带结尾斜杠；H5 同源访问，忽略。 */
    TARO_APP_API_BASE?: string
    /** 云托管环境 ID */
    TARO_APP_CLOUD_ENV?: string
    /** 云托管服务名（callContainer 的 X-WX-SERVICE） */
    TARO_APP_CLOUD_SERVICE?: string
  }
}
