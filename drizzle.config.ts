import { defineConfig } from 'drizzle-kit'

// `npm run db:generate` writes a versioned SQL migration for every schema change.
// The server applies them at start (drizzle's migrator, for PGlite and for PostgreSQL alike).
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/db/schema/index.ts',
  out: './server/migrations',
})
