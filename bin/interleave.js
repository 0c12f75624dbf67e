#!/usr/bin/env node
// The `interleave` command: builds on first use, then runs the CLI.
import { ensureBuilt } from '../scripts/ensure-built.js';

ensureBuilt();
await import('../out/main/cli.js');
