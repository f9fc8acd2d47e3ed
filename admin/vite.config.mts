/**
 * The office console's build (docs/architecture.md, 办公工作台): Vite, not Taro's webpack — the console is a plain
 * React SPA for desktop browsers, Vite builds it in seconds (npm start builds it when stale) and keeps it out of the
 * mini-program's build entirely. Served by the server at /admin (server/src/http/static.ts).
 *
 * Vite replaces __dirname in a config file with the config's own folder.
 */
import path from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const here = __dirname
const root = path.resolve(here, '..')

export default defineConfig({
  root: here,
  base: '/admin/',
  plugins: [react()],
  resolve: {
    alias: {
      '@contract': path.join(root, 'contract'),
      '@admin': path.join(here, 'src'),
      '@': path.join(root, 'src'),
    },
  },
  build: {
    outDir: path.join(root, 'dist-admin'),
    emptyOutDir: true,
    // Everything under assets/ is content-hashed: the server sends it `immutable`.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // The libraries change less often than our pages, so react (+ router) gets its own long-cached chunk.
        // Everything else is left to Rollup: antd's components land with the pages that use them (Table,
        // DatePicker, Form, Drawer are not in the shell), and ECharts only in the dashboard's chunk — the shell
        // (layout, login gate, menu) loads neither.
        manualChunks(id: string) {
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) return 'react'
          return undefined
        },
      },
    },
  },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
})
