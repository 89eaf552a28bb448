import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // Never auto-update: a reload could lose an unsaved form. The app shows a prompt instead.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/favicon-32.png', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'Consentbook',
        short_name: 'Consentbook',
        description:
          'DSGVO-konformes Adressbuch: Personen, Verwendungszwecke, Einwilligungen und Protokoll – offline, ohne Server.',
        lang: 'de',
        theme_color: '#0f5f7a',
        background_color: '#f6f8f9',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Fonts for PDFs are lazy-loaded but must work offline too.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,json,ttf}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
});
