import { useEffect, useState } from 'react';
import { toErrorInfo } from '../../shared/result';
import { ConnectionBanner } from './components/connection-banner';
import type { ConnectionState } from './components/connection-status';
import { DropZone } from './components/drop-zone';
import { EmptyState } from './components/empty-state';
import { ErrorBox } from './components/error-box';
import { FileView } from './components/file-view';
import { OpenButton } from './components/open-button';
import { ProgressBar } from './components/progress-bar';
import { TopBar } from './components/top-bar';
import { useFileOpener } from './state/use-file-opener';
import type { Connection } from './transport/connection';

export function App({ connecting }: { connecting: Promise<Connection> }) {
  const [connection, setConnection] = useState<Connection | null>(null);
  const [state, setState] = useState<ConnectionState>({ status: 'connecting' });
  const [version, setVersion] = useState<string | null>(null);
  const opener = useFileOpener(connection);
  const { openPaths } = opener;

  useEffect(() => {
    let live = true;
    let unsubscribe = (): void => {};
    connecting.then(
      (c) => {
        if (!live) return;
        setConnection(c);
        setState({ status: 'connected', transport: c.transport });
        unsubscribe = c.onLost(() => setState({ status: 'lost', transport: c.transport }));
        void c.api.appInfo().then((info) => {
          if (live && info.ok) setVersion(info.value.version);
        });
      },
      (err: unknown) => {
        if (live) setState({ status: 'failed', message: toErrorInfo(err).message });
      },
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [connecting]);

  // Electron's File → Open menu.
  useEffect(() => connection?.api.onFilesOpenRequested(({ paths }) => openPaths(paths)), [connection, openPaths]);

  const usable = state.status === 'connected';
  return (
    <DropZone onFiles={opener.openFiles} enabled={usable}>
      <TopBar connection={state} version={version} />
      {state.status === 'lost' && (
        <ConnectionBanner message="The connection to gclens was lost. Restart gclens serve and reload this page." />
      )}
      {state.status === 'failed' && <ConnectionBanner message={state.message} />}
      <main className="content">
        <div className="toolbar">
          <OpenButton onFiles={opener.openFiles} disabled={!usable} />
          {opener.activity && <ProgressBar activity={opener.activity} />}
        </div>
        {opener.error && <ErrorBox error={opener.error} onDismiss={opener.dismissError} />}
        {opener.opened ? <FileView key={opener.opened.fileId} file={opener.opened} /> : <EmptyState />}
      </main>
    </DropZone>
  );
}
