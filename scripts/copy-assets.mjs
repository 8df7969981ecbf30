#!/usr/bin/env node
// Copies the web app's CSS and JavaScript next to the compiled code, where
// src/web/admin/assets.ts reads them from (tsc only emits .ts files).
import { cpSync } from 'node:fs';

const root = new URL('..', import.meta.url);
cpSync(new URL('src/web/admin/assets/', root), new URL('dist/web/admin/assets/', root), { recursive: true });
