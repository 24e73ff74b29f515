// Compile-time proof that the real Excel API satisfies the adapter's surface (no runtime code).
import type { XlRequestContext } from './excel-api';

type Assert<T extends true> = T;
export type RealContextFits = Assert<Excel.RequestContext extends XlRequestContext ? true : false>;
