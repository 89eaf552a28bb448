/** The main flows (engines/flows.ts) in Firefox: engines/mainFlows.ts, one file per engine. */
import { mainFlows } from './engines/mainFlows';

mainFlows('firefox');
