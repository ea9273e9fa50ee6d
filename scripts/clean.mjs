// Removes build output so a build never ships stale chunks from an earlier one.
import { rmSync } from 'node:fs';
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
