// Catches a rendering failure so the visitor sees words and a way on, never a blank page.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | undefined;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('page failed to render', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="card auth-card stack" role="alert">
        <h1>This page could not be shown</h1>
        <p>Something went wrong on our side while showing it. Your cart and sign-in are kept.</p>
        <div className="row">
          <button type="button" className="button button-primary" onClick={() => location.reload()}>
            Reload the page
          </button>
          <a className="button button-secondary" href="/">
            Go to the shop
          </a>
        </div>
      </div>
    );
  }
}
