import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The admin SPA. In development Vite serves it on 5173 and forwards /trpc to the admin server
// (apps/admin/server.ts on 3000), so the session cookie stays same-origin.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/trpc': 'http://localhost:3000' },
  },
  preview: { port: 5173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in production builds: the portal server would not serve them anyway.
    sourcemap: false,
    // recharts alone is ~150 kB gzipped; say so only when a chunk grows well past that.
    chunkSizeWarningLimit: 1200,
  },
})
