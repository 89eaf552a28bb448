/**
 * The main flows (engines/flows.ts, one definition) in Chromium, WebKit and Firefox. Each engine
 * gets its own server for the production build — a port of its own, so its own origin and
 * storage — which the offline step stops.
 */
import type { AddressInfo } from 'node:net';
import { preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './engines/chromium';
import type { Driver, Engine } from './engines/driver';
import { launchFirefox } from './engines/firefox';
import {
  accessReportAndExport,
  auditLog,
  consentWithEvidence,
  firstStartAndSignIn,
  offlineReload,
  personCreatedAndEdited,
  storageState,
  type Site,
} from './engines/flows';
import { launchWebKit } from './engines/webkit';

const engines: Record<Engine, () => Promise<Driver>> = {
  chromium: launchChromium,
  webkit: launchWebKit,
  firefox: launchFirefox,
};

async function serve(): Promise<Site> {
  const server = await preview({
    logLevel: 'warn',
    build: { outDir: process.env.CONSENTBOOK_DIST ?? 'dist' },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
    },
  };
}

describe.each((process.env.ENGINES?.split(',') ?? Object.keys(engines)) as Engine[])('main flows in %s', (engine) => {
  let d: Driver;
  let site: Site;
  beforeAll(async () => {
    site = await serve();
    d = await engines[engine]();
    console.log(`${engine}: ${d.version}`);
  }, 60_000);
  afterAll(async () => {
    await d?.close();
    await site?.stop();
  });

  // Each step goes on from where the one before left off: after a failure the rest fail at once.
  let failed: string | undefined;
  const step = (name: string, run: () => Promise<void>) =>
    it(name, async () => {
      if (failed) throw new Error(`not run: the step "${failed}" failed`);
      try {
        await run();
      } catch (error) {
        failed = name;
        // What the user saw then, for the failure message.
        const shown = await d.run(() => document.body.innerText).catch(() => '(page not readable)');
        throw new Error(`${String(error)}\n--- the page showed ---\n${shown.slice(-1_500)}`, { cause: error });
      }
    });

  step('first start creates the administrator; a reload asks to sign in', () => firstStartAndSignIn(d, site));
  step('the Übersicht says whether the browser may delete the data, and what helps', async () => {
    // WebKit (as Safari on older iPads) has no navigator.storage: the home-screen steps show.
    expect(await storageState(d)).toBe(engine === 'webkit' ? 'homeScreen' : 'persist');
  });
  step('a person is created and edited, each change with its reason', () => personCreatedAndEdited(d));
  step('a consent is recorded with a PDF as evidence', () => consentWithEvidence(d));
  step('Auskunft (PDF) and Export (JSON) are files; the app keeps its page', () => accessReportAndExport(d));
  step('the Protokoll lists every step and its chain verifies', () => auditLog(d));
  step('an offline reload starts the app from the service worker with its data', () => offlineReload(d, site));
});
