/**
 * The production build (dist/, or the folder CONSENTBOOK_DIST names) served by `vite preview` on a
 * free localhost port: once for all files (globalSetup.ts), and once per engine (engines/mainFlows.ts,
 * whose offline step stops its own).
 */
import type { AddressInfo } from 'node:net';
import { preview, type Plugin } from 'vite';

export const BUILD_DIR = process.env.CONSENTBOOK_DIST ?? 'dist';

/**
 * The build served as it is, uncompressed: `vite preview` gzips every script on every request, and
 * each test's fresh context fetches the whole start (a service worker's precache the whole build),
 * which cost the server and the browser's network process more CPU than anything on localhost saves.
 * Compression answers only a request that accepts it, so the requests here do not.
 */
const uncompressed: Plugin = {
  name: 'consentbook-tests-uncompressed',
  configurePreviewServer(server) {
    server.middlewares.use((req, _res, next) => {
      delete req.headers['accept-encoding'];
      next();
    });
  },
};

export async function serveBuild(): Promise<{ url: string; close(): Promise<void> }> {
  const server = await preview({
    logLevel: 'warn',
    build: { outDir: BUILD_DIR },
    plugins: [uncompressed],
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
