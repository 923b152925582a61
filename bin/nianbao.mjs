#!/usr/bin/env node
// Runs the TypeScript command line directly (tsx), so `npx nianbao` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
