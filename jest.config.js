// Three kinds of jest tests, one command:
//  - server: API integration tests over real HTTP against PGlite (and PostgreSQL when DATABASE_URL is set)
//  - logic:  contract, stores, services and helpers of the app, in plain node (no Taro import allowed there)
//  - pages:  app pages rendered with Taro's H5 components in jsdom
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }]
const aliases = {
  '^@/(.*)$': '<rootDir>/src/$1',
  '^@contract/(.*)$': '<rootDir>/contract/$1',
}

module.exports = {
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/server'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper: aliases,
      testTimeout: 60000,
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
      moduleNameMapper: aliases,
      // filled in by the app side (Taro H5 components need babel + an allow-list of ESM packages)
    },
  ],
}
