/**
 * What the report page draws after its first paint, in one chunk of its own (issue 10, item 7: the
 * page's first load on a commune's 4G): the indicator grid (antd Table) and the reviewer's return and
 * reopen dialogs (antd Select, Form).
 */
export { EntryGrid } from '../data-entry/EntryGrid';
export { ReopenModal, ReturnModal } from './ReasonModals';
