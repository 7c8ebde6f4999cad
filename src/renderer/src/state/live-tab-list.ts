/**
 * A window's attach tabs as a list, and how it changes when session:attach
 * answers or when a reloaded window takes back the attaches the backend
 * still records. Pure: useLiveAttaches stores the result.
 */
import type { AttachBrief, AttachHost, AttachView } from '../../../shared/contract';
import type { ProcessInfo } from '../../../shared/process-info';
import type { ErrorInfo } from '../../../shared/result';
import { fromView, type LiveAttach } from './live-attach-state';

export interface LiveTab {
  /** Local to this window: the tab exists before the backend's attachId does. */
  tabId: string;
  pid: number;
  /** Where the process runs: known before the attach answers. */
  host: AttachHost;
  runtime: ProcessInfo['runtime'];
  command: string;
  attach: LiveAttach | null;
  /** session:attach failed: nothing is running for this tab. */
  error: ErrorInfo | null;
  detaching: boolean;
}

/**
 * The attaches of session:list a reloaded window takes back: those still
 * recording. An ended one was the old window's to look at and close; the
 * Sessions tab has it.
 */
export function stillRecording(briefs: AttachBrief[]): AttachBrief[] {
  return briefs.filter((brief) => brief.status === 'attached');
}

/** A tab for an attach this window has none for, drawn from its session:state; the list as it was when a tab holds it already. */
export function adoptAttach(tabs: LiveTab[], view: AttachView, tabId: string): LiveTab[] {
  if (tabs.some((tab) => tab.attach?.attachId === view.attachId)) return tabs;
  const tab: LiveTab = {
    tabId,
    pid: view.target.pid,
    host: view.host,
    runtime: view.target.runtime,
    command: view.target.command,
    attach: fromView(view),
    error: null,
    detaching: false,
  };
  return [...tabs, tab];
}

/**
 * session:attach answered for `tabId`. Should the attach have been adopted
 * meanwhile (the window started as the attach did), the adopted tab goes and
 * its copy, which has the updates since, moves into the tab that asked.
 */
export function attachAnswered(tabs: LiveTab[], tabId: string, view: AttachView): LiveTab[] {
  const adopted = tabs.find((tab) => tab.tabId !== tabId && tab.attach?.attachId === view.attachId);
  return tabs
    .filter((tab) => tab !== adopted)
    .map((tab) => (tab.tabId === tabId ? { ...tab, attach: adopted?.attach ?? fromView(view) } : tab));
}
