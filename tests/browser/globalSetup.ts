/**
 * Serves the production build (dist/, built by `npm run test:browser`; another folder with
 * CONSENTBOOK_DIST) with `vite preview` on a free localhost port.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { preview, type Plugin } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/**
 * The build served as it is, uncompressed: `vite preview` gzips every script on every request, and
 * each test's fresh context fetches the whole start (a service worker's precache the whole build),
 * which cost the server and Chromium's network process more CPU than anything on localhost saves.
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

export default async function setup(project: TestProject) {
  const outDir = process.env.CONSENTBOOK_DIST ?? 'dist';
  if (!existsSync(`${outDir}/index.html`))
    throw new Error(`${outDir}/ is missing: run \`vite build\` first (npm run test:browser does)`);
  const server = await preview({
    logLevel: 'warn',
    build: { outDir },
    plugins: [uncompressed],
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  project.provide('baseURL', `http://127.0.0.1:${port}/`);
  return async () => {
    await server.close();
  };
}
