// Three kinds of jest tests, one command:
//  - server: API integration tests over real HTTP against PGlite (and PostgreSQL when DATABASE_URL is set)
//  - logic:  contract, stores, services and helpers of the app, in plain node (no Taro import allowed there)
//  - pages:  app pages rendered with Taro's H5 components in jsdom
//  - admin:  the office console (admin/, React + antd) in jsdom
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }]
const aliases = {
  '^@/(.*)$': '<rootDir>/src/$1',
  '^@contract/(.*)$': '<rootDir>/contract/$1',
}

module.exports = {
  // Integration tests start servers and databases; jest 29 reads the timeout only at the top level.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/server'],
      testMatch: ['**/*.test.ts'],
      moduleNameMapper: aliases,
      // PGlite loads its WASM with import(): jest runs with --experimental-vm-modules (see test:unit).
      transform: { '^.+\\.(t|j)sx?$': swc },
      // One migrated database made per run, copied by each test file (server/test/global-setup.mjs).
      globalSetup: '<rootDir>/server/test/global-setup.mjs',
      globalTeardown: '<rootDir>/server/test/global-teardown.mjs',
    },
    {
      displayName: 'logic',
      testEnvironment: 'node',
      roots: ['<rootDir>/src', '<rootDir>/contract', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper: aliases,
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.test.tsx'],
      // `./platform/x` resolves to x.h5.ts first, as in the H5 build.
      moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'mjs', 'cjs', 'jsx', 'json'],
      transform: { '^.+\\.(t|j)sx?$|^.+\\.mjs$': ['babel-jest', { configFile: './babel.config.js' }] },
      // Taro's H5 runtime and components ship ESM: transform them, skip the rest of node_modules.
      transformIgnorePatterns: [
        '<rootDir>/node_modules/(?!(@tarojs|@stencil|swiper|dom7|ssr-window|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj|mobile-detect|jsonp-retry|classnames|tslib|nanoid)/)',
      ],
      moduleNameMapper: {
        ...aliases,
        // The same aliases the H5 build sets (plugin-platform-h5): React wrappers of Taro's web components, H5 APIs.
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
        '^@tarojs/taro$': '<rootDir>/node_modules/@tarojs/plugin-platform-h5/dist/runtime/apis/index.js',
        '\\.(css|scss|less)$': 'identity-obj-proxy',
      },
      setupFiles: ['<rootDir>/src/test/setup-env.js'],
      setupFilesAfterEnv: ['<rootDir>/src/test/setup-pages.ts'],
    },
    {
      displayName: 'admin',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/admin'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      transform: { '^.+\\.(t|j)sx?$|^.+\\.mjs$': swc },
      // antd's own helpers ship some ESM-only files: transform those, skip the rest of node_modules.
      transformIgnorePatterns: ['/node_modules/(?!(@ant-design|@rc-component|rc-[a-z-]+|@babel/runtime|throttle-debounce)/)'],
      moduleNameMapper: { '^@admin/(.*)$': '<rootDir>/admin/src/$1', '^echarts(/.*)?$': '<rootDir>/admin/test/echarts-stub.ts', ...aliases, '\\.css$': 'identity-obj-proxy' },
      setupFiles: ['<rootDir>/admin/test/setup-env.ts'],
    },
  ],
}
