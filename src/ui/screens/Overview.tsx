/** Übersicht: the screen lives in ../overview/; this module keeps the lazy import in Shell.tsx stable. */
export { default } from '../overview/OverviewScreen';
