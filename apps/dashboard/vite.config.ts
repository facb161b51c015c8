import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `pnpm dev`: Vite on :5173 proxying the API and the WebSocket to the server (AIME_SERVER_URL or :8765). */
const server = process.env.AIME_SERVER_URL ?? 'http://127.0.0.1:8765';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: {
      '/runs': server,
      '/gepa': server,
      '/health': server,
      '/ws': { target: server, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
});
