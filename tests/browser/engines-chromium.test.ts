/** The main flows (engines/flows.ts) in Chromium: engines/mainFlows.ts, one file per engine. */
import { mainFlows } from './engines/mainFlows';

mainFlows('chromium');
