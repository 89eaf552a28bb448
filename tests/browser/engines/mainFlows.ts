/**
 * The main flows (flows.ts, one definition) in one engine, for the engine's own test file
 * (engines-chromium/-webkit/-firefox.test.ts: three files, so that the three engines run side by
 * side and no ~120 s file of all three starts last). Each engine gets its own server for the
 * production build — a port of its own, so its own origin and storage — which the offline step
 * stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import type { Driver, Engine } from './driver';
import { launchFirefox } from './firefox';
import {
  accessReportAndExport,
  auditLog,
  consentWithEvidence,
  firstStartAndSignIn,
  offlineReload,
  personCreatedAndEdited,
  storageState,
  type Site,
} from './flows';
import { launchWebKit } from './webkit';
import { serveBuild } from '../serveBuild';

const engines: Record<Engine, () => Promise<Driver>> = {
  chromium: launchChromium,
  webkit: launchWebKit,
  firefox: launchFirefox,
};

async function serve(): Promise<Site> {
  const server = await serveBuild();
  let stopped = false;
  return {
    url: server.url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
    },
  };
}

export function mainFlows(engine: Engine): void {
  describe(`main flows in ${engine}`, () => {
    // Set by beforeAll; undefined when it failed, and then every step fails.
    let driver: Driver | undefined;
    let site: Site | undefined;
    beforeAll(async () => {
      site = await serve();
      driver = await engines[engine]();
      console.log(`${engine}: ${driver.version}`);
    }, 60_000);
    afterAll(async () => {
      await driver?.close();
      await site?.stop();
    });
    const started = (): { d: Driver; site: Site } => {
      if (!driver || !site) throw new Error(`${engine} did not start`);
      return { d: driver, site };
    };

    // Each step goes on from where the one before left off: after a failure the rest fail at once.
    let failed: string | undefined;
    const step = (name: string, run: (s: { d: Driver; site: Site }) => Promise<void>) =>
      it(name, async () => {
        if (failed) throw new Error(`not run: the step "${failed}" failed`);
        const s = started();
        try {
          await run(s);
        } catch (error) {
          failed = name;
          // What the user saw then, for the failure message.
          const shown = await s.d.run(() => document.body.innerText).catch(() => '(page not readable)');
          throw new Error(`${String(error)}\n--- the page showed ---\n${shown.slice(-1_500)}`, { cause: error });
        }
      });

    step('first start creates the administrator; a reload asks to sign in', ({ d, site }) =>
      firstStartAndSignIn(d, site),
    );
    step('the Übersicht says whether the browser may delete the data, and what helps', async ({ d }) => {
      // WebKit (as Safari on older iPads) has no navigator.storage: the home-screen steps show.
      expect(await storageState(d)).toBe(engine === 'webkit' ? 'homeScreen' : 'persist');
    });
    step('a person is created and edited, each change with its reason', ({ d }) => personCreatedAndEdited(d));
    step('a consent is recorded with a PDF as evidence', ({ d }) => consentWithEvidence(d));
    step('Auskunft (PDF) and Export (JSON) are files; the app keeps its page', ({ d }) => accessReportAndExport(d));
    step('the Protokoll lists every step and its chain verifies', ({ d }) => auditLog(d));
    step('an offline reload starts the app from the service worker with its data', ({ d, site }) =>
      offlineReload(d, site),
    );
  });
}
