// Runs in the browser before the console's own code, under the page's Content Security Policy
// (lib/http/csp.ts): no eval, and no inline style without the page's nonce.
import { z } from "zod";

// zod compiles object parsers with `new Function` where it may, and even its guarded probe for that
// is reported as a policy violation. The forms' parsing needs no compiling.
z.config({ jitless: true });

// Radix's dialogs lock the page's scrolling with a <style> element of their own (react-style-
// singleton), which takes its nonce from this global: the page's, as Next.js put it on its scripts.
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
if (nonce) Object.assign(globalThis, { __webpack_nonce__: nonce });
