#!/usr/bin/env node
// Launcher for the `aime` bin: runs the TypeScript entry through tsx (no build step needed).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
