// Compile-time proof that the official ET typings (et-jsapi-declare, used unmodified as a
// devDependency) satisfy src/wps's surface. Type-checked by test/wps/et-api-types.test.ts only
// (excluded from tsconfig.json: the typings declare globals such as `Application`).
import type { EtAddinRoot } from './et-api';

type Assert<T extends true> = T;
export type RealApplicationFits = Assert<WPSMergedRoot extends EtAddinRoot ? true : false>;
