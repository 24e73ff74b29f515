// Fake Excel host for tests and the browser preview (no Node APIs).
export { FakeExcelHost, FakeOfficeError, quoteSheet } from './host';
export type { FakeHostOptions, HostStats, OpInfo } from './host';
export { readCell, readFill, readNote } from './cells';
