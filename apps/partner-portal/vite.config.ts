import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The partner portal SPA. In development Vite serves it on 5174 and forwards /trpc to the
// partner portal server (apps/partner-portal/server.ts on 3001), so the session cookie stays same-origin.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5174,
    strictPort: true,
    proxy: { '/trpc': 'http://localhost:3001' },
  },
  preview: { port: 5174 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in production builds: the portal server would not serve them anyway.
    sourcemap: false,
    // recharts alone is ~150 kB gzipped; say so only when a chunk grows well past that.
    chunkSizeWarningLimit: 1200,
  },
})
