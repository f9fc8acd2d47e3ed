// Lint rules that keep the architecture honest:
//  - stores, services and the API client import no Taro API (they run and are tested in plain node);
//  - WeChat-only Taro calls live only in platform adapters (src/platform/*.weapp.ts / *.h5.ts);
//  - the app imports contract schemas as types only, so zod stays out of the weapp main package.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const wechatOnly = [
  'login', 'checkSession', 'getUserProfile', 'getPhoneNumber', 'requestSubscribeMessage', 'scanCode',
  'getLocation', 'chooseLocation', 'openLocation', 'onNeedPrivacyAuthorization', 'getPrivacySetting',
  'requirePrivacyAuthorize', 'openPrivacyContract', 'cloud', 'startLocationUpdate',
].map((property) => ({ object: 'Taro', property, message: 'WeChat-only API: call it from a platform adapter in src/platform/.' }))

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-h5/', '.data/', 'e2e/artifacts/', 'coverage/', 'server/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-properties': ['error', ...wechatOnly],
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@contract/*/schemas', '**/contract/*/schemas'], allowTypeImports: true,
          message: 'Import contract schemas as types only in the app (zod must not enter the main package).' }],
      }],
    },
  },
  {
    files: ['src/platform/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/packages/**'],
    // A subpackage may validate forms with the contract's zod schemas at runtime.
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/stores/**', 'src/services/**', 'src/api/**', 'src/utils/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@tarojs/taro', message: 'Stores and services must not import Taro: inject an adapter.' },
          { name: '@tarojs/components', message: 'Stores and services render nothing.' }],
        patterns: [{ group: ['@contract/*/schemas', '**/contract/*/schemas'], allowTypeImports: true,
          message: 'Import contract schemas as types only in the app.' }],
      }],
    },
  },
)
