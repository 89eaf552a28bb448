/** Verzeichnis: the screen lives in ../register/; this module keeps the lazy import in Shell.tsx stable. */
export { default } from '../register/RegisterScreen';
