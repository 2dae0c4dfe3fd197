import type { useAppProps } from 'antd/es/app/context';
import AppContext from 'antd/es/app/context';
import type { MessageType } from 'antd/es/message/interface';
import { lazy, type ReactNode, Suspense, useContext, useEffect, useMemo, useRef, useState } from 'react';

/**
 * antd's message, notification and modal hooks (`App.useApp()`), without antd's <App> in the first
 * load (issue 10: the report page on a commune's 4G). <App> renders the three hosts at once and brings
 * Modal, rc-dialog and rc-notification (17 KB gzip) before anything is drawn; here the same context
 * is given at once, and its hosts (./feedback-host) load when the browser is idle or at the first
 * call, whichever comes first — calls made before are queued. Pages that call `App.useApp()` keep
 * working unchanged: this provides the very context it reads.
 */
const FeedbackHost = lazy(() => import('./feedback-host'));

type Api = useAppProps;

/** The page's message/modal/notification: `App.useApp()` without importing antd's <App> component. */
export function useFeedback(): Api {
  return useContext(AppContext);
}

function deferredApi(ready: () => Promise<Api>): Api {
  // a message's close function that is also a promise of its closing, as antd's MessageType
  const message =
    (method: 'info' | 'success' | 'error' | 'warning' | 'loading' | 'open') =>
    (...args: unknown[]): MessageType => {
      // wrapped: a promise resolving to antd's MessageType would wait for the message to close
      const shown = ready().then((api) => ({
        close: (api.message[method] as (...a: unknown[]) => MessageType)(...args),
      }));
      const close = (() => void shown.then(({ close }) => close())) as MessageType;
      // biome-ignore lint/suspicious/noThenProperty: antd's MessageType is a thenable by contract
      close.then = (resolve, reject) => shown.then(({ close }) => close).then(resolve, reject);
      return close;
    };
  const modal =
    (method: 'info' | 'success' | 'error' | 'warning' | 'confirm') =>
    (...args: Parameters<Api['modal']['confirm']>) => {
      const opened = ready().then((api) => ({ dialog: api.modal[method](...args) }));
      return {
        destroy: () => void opened.then(({ dialog }) => dialog.destroy()),
        update: (config: Parameters<ReturnType<Api['modal']['confirm']>['update']>[0]) =>
          void opened.then(({ dialog }) => dialog.update(config)),
        // biome-ignore lint/suspicious/noThenProperty: antd's modal result is a thenable by contract
        then: <T,>(resolve: (confirmed: boolean) => T, reject: VoidFunction) =>
          opened.then(({ dialog }) => dialog.then(resolve, reject)),
      };
    };
  const notification =
    (method: 'success' | 'error' | 'info' | 'warning' | 'open') =>
    (...args: Parameters<Api['notification']['open']>) =>
      void ready().then((api) => api.notification[method](...args));
  return {
    message: {
      info: message('info'),
      success: message('success'),
      error: message('error'),
      warning: message('warning'),
      loading: message('loading'),
      open: message('open') as Api['message']['open'],
      destroy: (key) => void ready().then((api) => api.message.destroy(key)),
    },
    modal: {
      info: modal('info'),
      success: modal('success'),
      error: modal('error'),
      warning: modal('warning'),
      confirm: modal('confirm'),
    },
    notification: {
      success: notification('success'),
      error: notification('error'),
      info: notification('info'),
      warning: notification('warning'),
      open: notification('open'),
      destroy: (key) => void ready().then((api) => api.notification.destroy(key)),
    },
  };
}

/** Gives `App.useApp()` to the signed-in pages; the hosts load when the browser is first idle. */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState(false);
  const resolved = useRef<(api: Api) => void>(() => undefined);
  const api = useMemo(() => {
    const hosts = new Promise<Api>((resolve) => {
      resolved.current = resolve;
    });
    return deferredApi(() => {
      setWanted(true);
      return hosts;
    });
  }, []);
  useEffect(() => {
    // after the page's own chunks and data: the first dialog then opens without a download
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 2000));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const handle = idle(() => setWanted(true), { timeout: 5000 });
    return () => cancel(handle);
  }, []);
  return (
    <AppContext.Provider value={api}>
      {children}
      {wanted ? (
        <Suspense fallback={null}>
          <FeedbackHost onReady={(real) => resolved.current(real)} />
        </Suspense>
      ) : null}
    </AppContext.Provider>
  );
}
