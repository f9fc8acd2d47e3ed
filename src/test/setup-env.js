// Runs before the test framework: the H5 build's environment.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
process.env.TARO_APP_API_TRANSPORT = 'https'
process.env.TARO_APP_API_BASE = ''
process.env.FRAMEWORK = 'react'
process.env.SUPPORT_TARO_POLYFILL = 'disabled'
process.env.SUPPORT_DINGTALK_NAVIGATE = 'disabled'
// Build-time constants the H5 build defines (webpack DefinePlugin).
globalThis.DEPRECATED_ADAPTER_COMPONENT = false
