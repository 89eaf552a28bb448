/**
 * A screen whose data fails to load — a record that no longer opens because it was changed outside
 * the app (SealedRecordError names table and key), keys dropped meanwhile — says so in an alert
 * instead of leaving an empty page. A screen's chunk that failed to load (the app was updated under
 * this tab, or the file is missing offline) says so, with "Neu laden" (errorMessage, ErrorAlert).
 * Keyed by the route by its parent, so moving on starts afresh.
 */
import { Component, type ReactNode } from 'react';
import { useT, errorMessage } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

interface State {
  error: unknown;
}

export class ScreenError extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    return this.state.error ? <ScreenErrorText error={this.state.error} /> : this.props.children;
  }
}

function ScreenErrorText({ error }: { error: unknown }) {
  const tr = useT();
  return <ErrorAlert message={errorMessage(tr, error)} />;
}
