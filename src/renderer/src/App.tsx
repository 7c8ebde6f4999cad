import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { toErrorInfo } from '../../shared/result';
import { ConnectionBanner } from './components/connection-banner';
import type { ConnectionState } from './components/connection-status';
import { DropZone } from './components/drop-zone';
import { EmptyState } from './components/empty-state';
import { ErrorBox } from './components/error-box';
import { ExportPanel } from './components/export-panel';
import { FileView } from './components/file-view';
import { LiveTabs } from './components/live-tabs';
import { LiveView } from './components/live-view';
import { OpenButton } from './components/open-button';
import { HostPromptDialog } from './components/host-prompt-dialog';
import { ProcessList } from './components/process-list';
import { ProgressBar } from './components/progress-bar';
import { SessionsView } from './components/sessions-view';
import { SnapshotsView } from './components/snapshots-view';
import { TopBar } from './components/top-bar';
import { ViewTabs, type ViewName } from './components/view-tabs';
import { useFileOpener } from './state/use-file-opener';
import { useHosts } from './state/use-hosts';
import { useLiveAttaches } from './state/use-live-attaches';
import { useReportExport } from './state/use-report-export';
import { useSessionLibrary } from './state/use-session-library';
import { useSnapshotDiff } from './state/use-snapshot-diff';
import { useSnapshotPair } from './state/use-snapshot-pair';
import type { Connection } from './transport/connection';

export function App({ connecting }: { connecting: Promise<Connection> }) {
  const [connection, setConnection] = useState<Connection | null>(null);
  const [state, setState] = useState<ConnectionState>({ status: 'connecting' });
  const [version, setVersion] = useState<string | null>(null);
  const [view, setView] = useState<ViewName>('gc-log');
  const opener = useFileOpener(connection);
  const { openPaths } = opener;
  // Held here, not in the view, so switching tabs keeps both the open log and the compared pair.
  const pair = useSnapshotPair(connection);
  const diff = useSnapshotDiff(connection, pair.base.opened, pair.next.opened);
  // Every attach lives here too, so its data survives switching tabs; one tab per attach.
  const attaches = useLiveAttaches(connection);
  // Hosts too: the chosen host and a login's questions outlive the Processes tab.
  const hosts = useHosts(connection);
  const [chosenLiveTab, setLiveTab] = useState<string | null>(null);
  const library = useSessionLibrary(connection);
  // A report is of the session the view came from, else of the files opened.
  const reportSubject = opener.session
    ? ({ kind: 'session', sessionId: opener.session.sessionId } as const)
    : opener.opened
      ? ({ kind: 'files', fileId: opener.opened.fileId } as const)
      : null;
  const exporter = useReportExport(connection, reportSubject);
  const liveTab = attaches.tabs.find((tab) => tab.tabId === chosenLiveTab) ?? null;
  const showView = (next: ViewName): void => {
    setLiveTab(null);
    setView(next);
    // What was recorded meanwhile shows when the tab (or Compare, which offers its snapshots) comes up.
    if (next === 'sessions' || next === 'snapshots') library.refresh();
  };
  const openSession = (sessionId: string): void => {
    showView('gc-log');
    opener.openSession(sessionId);
  };

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

  // Electron's File → Open menu opens GC logs, so it brings their view forward.
  const openLogPaths = useCallback(
    (paths: string[]) => {
      setLiveTab(null);
      setView('gc-log');
      openPaths(paths);
    },
    [openPaths],
  );
  useEffect(() => connection?.api.onFilesOpenRequested(({ paths }) => openLogPaths(paths)), [connection, openLogPaths]);

  const usable = state.status === 'connected';
  // A closed attach tab falls back to the process list it was opened from.
  const shown = liveTab ? null : chosenLiveTab !== null && view !== 'processes' ? 'processes' : view;
  let body: ReactNode;
  if (liveTab) {
    body = <LiveView key={liveTab.tabId} tab={liveTab} connection={connection} attaches={attaches} />;
  } else if (shown === 'processes') {
    body = (
      <ProcessList connection={usable ? connection : null} hosts={hosts} onAttach={(process, options, host) => setLiveTab(attaches.attach(process, options, host))} />
    );
  } else if (shown === 'gc-log') {
    body = (
      <>
        <div className="toolbar">
          <OpenButton onFiles={opener.openFiles} disabled={!usable} />
          {opener.activity && <ProgressBar activity={opener.activity} />}
        </div>
        {opener.error && <ErrorBox error={opener.error} onDismiss={opener.dismissError} />}
        {opener.opened && connection && (
          <ExportPanel state={exporter} transport={connection.transport} what={opener.session ? 'this session' : 'these files'} />
        )}
        {opener.opened ? <FileView key={opener.opened.fileId} file={opener.opened} /> : <EmptyState />}
      </>
    );
  } else if (shown === 'sessions') {
    body = <SessionsView state={library} transport={connection?.transport ?? 'serve'} usable={usable} onOpen={openSession} />;
  } else {
    body = <SnapshotsView pair={pair} diff={diff} usable={usable} sessions={library.library?.sessions ?? []} />;
  }
  return (
    <DropZone
      onFiles={shown === 'gc-log' ? opener.openFiles : pair.drop}
      enabled={usable && (shown === 'gc-log' || shown === 'snapshots')}
      message={shown === 'gc-log' ? undefined : 'Drop two snapshots (base, then new), or one on its side'}
    >
      <TopBar connection={state} version={version}>
        <ViewTabs view={shown} onChange={showView} />
        <LiveTabs tabs={attaches.tabs} active={liveTab?.tabId ?? null} onSelect={setLiveTab} />
      </TopBar>
      {state.status === 'lost' && (
        <ConnectionBanner message="The connection to gclens was lost. Restart gclens serve and reload this page." />
      )}
      {state.status === 'failed' && <ConnectionBanner message={state.message} />}
      <main className="content">{body}</main>
      <HostPromptDialog prompts={hosts.prompts} answer={hosts.answer} />
    </DropZone>
  );
}
