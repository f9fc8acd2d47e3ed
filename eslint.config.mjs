// Lint rules that keep the architecture honest:
//  - stores, services and the API client import no Taro API (they run and are tested in plain node);
//  - WeChat-only Taro calls live only in platform adapters (src/platform/*.weapp.ts / *.h5.ts);
//  - the app imports contract schemas as types only, so zod stays out of the weapp main package;
//  - server modules meet only through each other's public face (modules/<cap>/index.ts), app subpackages through
//    each other's `shared.ts`;
//  - no import cycles anywhere.
import js from '@eslint/js'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { readdirSync } from 'node:fs'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const wechatOnly = [
  'login', 'checkSession', 'getUserProfile', 'getPhoneNumber', 'requestSubscribeMessage', 'scanCode',
  'getLocation', 'chooseLocation', 'openLocation', 'onNeedPrivacyAuthorization', 'getPrivacySetting',
  'requirePrivacyAuthorize', 'openPrivacyContract', 'cloud', 'startLocationUpdate',
].map((property) => ({ object: 'Taro', property, message: 'WeChat-only API: call it from a platform adapter in src/platform/.' }))

const appPackages = readdirSync(new URL('./src/packages/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)

const serverModules = readdirSync(new URL('./server/src/modules/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)

// Which capability owns which schema file (server/src/db/schema/<file>.ts). `core` (the union tree, users, roles,
// sessions, audit, files) and `columns` are the platform's, open to every module.
const TABLES_OF = {
  membership: ['membership'],
  merchants: ['merchants'],
  vouchers: ['vouchers', 'venues'],
  events: ['events'],
  relief: ['relief'],
  notifications: ['notifications'],
  staff: ['staff'],
  legal: ['legal'],
  bookings: ['bookings'],
  stations: ['stations'],
  privacy: ['privacy'],
  console: ['console'],
}
const capabilityTables = Object.values(TABLES_OF).flat()

const tarolessStores = {
  paths: [{ name: '@tarojs/taro', message: 'Stores and services must not import Taro: inject an adapter.' },
    { name: '@tarojs/components', message: 'Stores and services render nothing.' }],
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-h5/', 'dist-admin/', '.data/', 'e2e/artifacts/', 'coverage/', 'server/migrations/'] },
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
          message: 'Import contract schemas as types only in the app (zod must not enter the main package).' },
        { group: ['**/PageRoot'],
          message: '<PageRoot> is for subpackage pages only (it would enter the main package); use careModeClass from utils/a11y.' }],
      }],
    },
  },
  {
    files: ['src/platform/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The office console (admin/): a browser app; it reuses the mini-program's API core (src/api) and contract tables.
    files: ['admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [{ name: '@tarojs/taro', message: 'The console is not a Taro app.' }, { name: '@tarojs/components', message: 'The console renders antd, not Taro.' }],
        patterns: [{ group: ['@contract/*/schemas', '**/contract/*/schemas'], allowTypeImports: true,
          message: 'Import contract schemas as types only (the console validates on the server).' }],
      }],
    },
  },
  {
    // A console page's form step (admin/src/pages/<page>/form.ts) validates with the contract's zod schemas at runtime,
    // for the same Chinese messages beside the fields as the mini-program's forms.
    files: ['admin/src/pages/**/form.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: '@tarojs/taro', message: 'The console is not a Taro app.' }] }] },
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
        ...tarolessStores,
        patterns: [{ group: ['@contract/*/schemas', '**/contract/*/schemas'], allowTypeImports: true,
          message: 'Import contract schemas as types only in the app.' }],
      }],
    },
  },
  {
    // A capability's stores, wherever its package lives (they may validate with the contract's zod at runtime).
    files: ['src/packages/**/stores/**', 'src/packages/**/*Store.ts', 'src/packages/**/*.store.ts'],
    rules: { 'no-restricted-imports': ['error', tarolessStores] },
  },
  // App packages: a subpackage reaches another one only through that package's face, `<package>/shared.ts`
  // (events-staff → events/shared); anything more widely shared lives in src/components, src/hooks or src/stores.
  {
    files: ['src/packages/**/*.{ts,tsx}'],
    ignores: ['**/*.test.*', '**/test-*.ts*'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: appPackages.flatMap((target) => appPackages.filter((from) => from !== target).map((from) => ({
          target: `./src/packages/${target}`,
          from: `./src/packages/${from}`,
          except: ['./shared.ts'],
          message: `Another package only through its face: import from '../../${from}/shared' (add what you need there), or move what both use to src/components, src/hooks or src/stores.`,
        }))),
      }],
    },
  },
  // Server modules: another module only through its public face (`../<cap>` = its index.ts), never its files.
  // Its tables are its own: a module imports only its own schema files (and the platform's core), never another
  // capability's tables nor the schema barrel.
  ...serverModules.map((m) => {
    const foreign = capabilityTables.filter((t) => !(TABLES_OF[m] ?? []).includes(t))
    return {
      files: [`server/src/modules/${m}/**/*.ts`],
      ignores: ['**/*.test.ts'],
      rules: {
        'no-restricted-imports': ['error', {
          patterns: [
            { regex: `^\\.\\./(?!${m}(/|$))[^/.]+/.+`,
              message: `Another module only through its public face: import from '../<module>' (its index.ts), not its files.` },
            { regex: `db/schema/(${foreign.join('|')})$`,
              message: `Another capability's tables: ask that module through its public face (e.g. memberOf from '../membership').` },
            { regex: 'db/schema$', message: "Import your module's own schema file (db/schema/<file>), not the barrel." },
          ],
        }],
      },
    }
  }),
  {
    files: ['server/src/*.ts', 'server/src/{auth,db,http,files,crypto,wechat}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)modules/[^/]+/.+',
          message: "A module only through its public face: import from './modules/<module>' (its index.ts)." }],
      }],
    },
  },
  {
    files: ['server/src/**/*.ts', 'src/**/*.{ts,tsx}', 'contract/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
)
