// Fake Excel host for tests and the browser preview (no Node APIs).
export { FakeExcelHost, FakeOfficeError, quoteSheet } from './host';
export type { ChangeKind, FakeHostOptions, FakeRunOptions, HostStats, OpInfo } from './host';
export { FakeEvents, type ChangeOptions } from './events';
export { readCell, readFill, readNote } from './cells';
