import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Loaded<T> =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'ready'; data: T };

/**
 * Runs `load` when the component appears and whenever `key` changes; a newer load or leaving the
 * page aborts the older one. `update` changes the data in place (after a successful write).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string = '') {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const running = useRef<AbortController | null>(null);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(() => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setState({ kind: 'loading' });
    loader.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ kind: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'failed', error });
      },
    );
  }, []);

  useEffect(() => {
    reload();
    return () => running.current?.abort();
  }, [reload, key]);

  const update = useCallback((change: (data: T) => T) => {
    setState((s) => (s.kind === 'ready' ? { kind: 'ready', data: change(s.data) } : s));
  }, []);

  return { state, reload, update };
}
