import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app:// in Electron and from the loopback server in browser mode:
// relative asset URLs work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
  logLevel: 'warn',
});
