// Fake WPS 表格 (ET) host for tests and the browser smoke test (no Node APIs).
export { FakeEtHost, FakeEtError, COM_ERRORS, bgr, hexOfBgr, type FakeEtOptions } from './host';
