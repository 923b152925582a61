// A worker thread of the command line: TypeScript through tsx, as in bin/nianbao.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
