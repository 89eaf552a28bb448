import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Sync servers the built app may reach (issue 19): `SYNC_ORIGINS` at build time, origins separated
 * by spaces or commas (`SYNC_ORIGINS=https://couch.example.org npm run build`). A bad entry fails
 * the build by name rather than yielding a policy that silently blocks the server.
 */
function syncOrigins(): string[] {
  const listed = (process.env.SYNC_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean);
  return listed.map((entry) => {
    const url = URL.canParse(entry) ? new URL(entry) : undefined;
    if (!url || !['https:', 'http:'].includes(url.protocol) || url.origin !== entry.replace(/\/$/, ''))
      throw new Error(`SYNC_ORIGINS: "${entry}" is not an origin like https://couch.example.org`);
    return url.origin;
  });
}

/**
 * Where the app may connect: its own origin, a sync server on this machine (loopback, any port:
 * development, tests, a CouchDB beside the browser — nothing leaves the device that way), and the
 * sync servers named at build time. THE one place for it — the meta policy, the preview headers
 * and the README's server snippets all follow from this list.
 */
const CONNECT_SRC = ["'self'", 'http://127.0.0.1:*', 'http://localhost:*', ...syncOrigins()];

/**
 * The Content-Security-Policy of the built app. No inline script, no eval: every script is a
 * file from the app's origin. Styles too (React sets style attributes through the CSSOM, which
 * CSP does not restrict). Images may be data:/blob: URLs (evidence previews, jsPDF), nothing is
 * framed or embedded, forms post nowhere. Checked by tests/browser/csp.test.ts.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src ${CONNECT_SRC.join(' ')}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Headers a server adds (here `vite preview`, i.e. `npm start`; the README has nginx and Caddy):
 * framing can only be refused by a header — browsers ignore frame-ancestors in a meta policy.
 */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/** The policy as a meta element in the built index.html, for hosts that cannot set headers. */
const cspMeta: Plugin = {
  name: 'consentbook-csp-meta',
  apply: 'build', // the dev server needs inline scripts (React refresh)
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
};

/**
 * jsPDF's optional peers — html2canvas and DOMPurify for `doc.html`, canvg for `addSvgAsImage` —
 * which no document here calls: each import of them is an empty module. jsPDF loads them on demand,
 * so in the app they were chunks precached and never run; in the PDF worker (one file, its dynamic
 * imports inlined) they were a third of it.
 */
const JSPDF_UNUSED_PEERS = ['html2canvas', 'dompurify', 'canvg'];
const UNUSED_PEER = '\0consentbook-unused-jspdf-peer';
const withoutUnusedJsPdfPeers = (): Plugin => ({
  name: 'consentbook-without-unused-jspdf-peers',
  enforce: 'pre',
  resolveId: (id) => (JSPDF_UNUSED_PEERS.includes(id) ? UNUSED_PEER : null),
  load: (id) => (id === UNUSED_PEER ? 'export default undefined;' : null),
});

/** A page and its entry script (index.html → src/main.tsx), and the bench page's own modules (bench.html → src/bench/). */
const PAGE_ENTRY = /\.html$|[\\/]src[\\/](main\.tsx$|bench[\\/])/;

/**
 * The app's own start modules when the bench builds it beside its page (tests/bench/run.mjs, from a
 * build of the app alone): the bench page's static imports stay out of the app's start chunk.
 */
const benchAppStart = () => (globalThis as { consentbookAppStart?: ReadonlySet<string> }).consentbookAppStart;

export default defineConfig({
  // PouchDB (the sync engine, a lazy chunk) refers to Node's `global`.
  define: { global: 'globalThis' },
  preview: { headers: SECURITY_HEADERS },
  worker: { plugins: () => [withoutUnusedJsPdfPeers()] },
  plugins: [
    withoutUnusedJsPdfPeers(),
    react(),
    cspMeta,
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
        // The first service worker takes over the page that installed it: screens, dialogs and the
        // person form are lazy chunks, and a page left uncontrolled fetched them from the network —
        // offline, they failed. An update still waits for the user (no skipWaiting, see UpdatePrompt).
        clientsClaim: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    // Every supported browser preloads modules itself (Chromium, Safari 17, Firefox 115).
    modulePreload: { polyfill: false },
    sourcemap: false,
    // Everything the entry imports statically is one chunk: every start module runs at the first
    // paint anyway, and split into ~20 shared chunks (a module a lazy chunk imports too got one
    // of its own) each file was gzipped alone and named the others' exports — 6 KB gzip more
    // for the same code. Lazy chunks import from it; workers are bundled apart and unaffected.
    // Each page's own entry (its HTML and the script it names) stays out of the group: a build with
    // a second page (the bench's bench.html) shares this chunk, and one page's entry would run in
    // the other (the app's render in the bench page, the bench in the app's).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'start',
              tags: ['$initial'],
              test: (id: string) => !PAGE_ENTRY.test(id) && (benchAppStart()?.has(id) ?? true),
            },
          ],
        },
      },
    },
  },
});
