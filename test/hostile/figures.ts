// Records a measured figure of the hostile suites; `npm run test:hostile` writes them into SECURITY.md.
import { executeServerCommand } from '@web/test-runner-commands';

export const figure = (name: string, value: string | number): Promise<unknown> =>
  executeServerCommand('figure', { name, value: String(value) });
