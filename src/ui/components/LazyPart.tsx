/**
 * Where a lazy part (lazyWithMessages.ts) renders: its Suspense, and a boundary for its chunk
 * failing to load (chunkLoad.ts: the app was updated under this tab, or a file is missing
 * offline). The failure stays here — the form around a lazy dialog stays mounted with its changes,
 * so "Neu laden" can keep them — and says so with that button instead of a dead opener or, outside
 * a screen's boundary, a blank page. Any other error goes on to the boundary above (ScreenError).
 */
import { Component, Suspense, type ReactNode } from 'react';
import { useT, errorMessage } from '../i18n';
import { isChunkLoadError } from '../chunkLoad';
import { ErrorAlert } from './ErrorAlert';

export function LazyPart({ fallback = null, children }: { fallback?: ReactNode; children: ReactNode }) {
  return (
    <ChunkBoundary>
      <Suspense fallback={fallback}>{children}</Suspense>
    </ChunkBoundary>
  );
}

class ChunkBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // Not this boundary's: rethrown, as it was thrown, to the next one up.
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- whatever a render threw
    if (!isChunkLoadError(error)) throw error;
    return <ChunkFailed error={error} />;
  }
}

function ChunkFailed({ error }: { error: unknown }) {
  const tr = useT();
  return <ErrorAlert message={errorMessage(tr, error)} />;
}
