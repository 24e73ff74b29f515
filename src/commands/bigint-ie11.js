/* `BigInt` for the modules of the ribbon bundle (webpack ProvidePlugin, 'ribbon' compilation only):
   the native one where it exists (WebView2), else a stand-in returning a Number. Internet Explorer 11
   has no BigInt, and zod (the profile schema in src/core) evaluates BigInt("…") constants when it
   loads (the int64/uint64 ranges of its JSON Schema support): without this, commands.js would stop
   with "BigInt is not defined" before registering the ribbon functions. The profile schema has no
   bigint field, so those constants are never used. ES5; not global: only modules that name BigInt
   get it. */
'use strict';
var native = typeof window !== 'undefined' ? window['BigInt'] : undefined;
module.exports =
  typeof native === 'function'
    ? native
    : function BigIntStandIn(value) {
        return Number(value);
      };
