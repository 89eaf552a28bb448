/** Serves the production build (built by `npm run test:browser`) for every browser test file. */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { BUILD_DIR, serveBuild } from './serveBuild';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(`${BUILD_DIR}/index.html`))
    throw new Error(`${BUILD_DIR}/ is missing: run \`vite build\` first (npm run test:browser does)`);
  const server = await serveBuild();
  project.provide('baseURL', server.url);
  return () => server.close();
}
