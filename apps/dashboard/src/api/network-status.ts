/**
 * Whether the API answered the last request. Every request goes through {@link trackingFetch}; while
 * the API is unreachable the banner shows and a probe retries, and when it answers again `recoveries`
 * grows so that pages reload what they show.
 */
export interface NetworkState {
  reachable: boolean;
  recoveries: number;
}

type Listener = (state: NetworkState) => void;

export class NetworkStatus {
  private state: NetworkState = { reachable: true, recoveries: 0 };
  private readonly listeners = new Set<Listener>();

  get current(): NetworkState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  answered(): void {
    if (!this.state.reachable) this.set({ reachable: true, recoveries: this.state.recoveries + 1 });
  }

  unreachable(): void {
    if (this.state.reachable) this.set({ ...this.state, reachable: false });
  }

  private set(state: NetworkState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}

/** A fetch that reports reachability and hands 401s to `onUnauthorized` (the token was refused or expired). */
export function trackingFetch(status: NetworkStatus, onUnauthorized: (response: Response) => void): typeof fetch {
  return async (input, init) => {
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) status.unreachable();
      throw error;
    }
    status.answered();
    if (response.status === 401) onUnauthorized(response);
    return response;
  };
}
