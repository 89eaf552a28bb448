/** The main flows (engines/flows.ts) in WebKit: engines/mainFlows.ts, one file per engine. */
import { mainFlows } from './engines/mainFlows';

mainFlows('webkit');
