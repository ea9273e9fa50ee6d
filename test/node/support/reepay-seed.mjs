// The curl requests of the Reepay seed (test/node/fixtures/reepay-api-examples.txt), as they are written:
// URL, Basic user, headers and body text. (Its shell quirks aside: a `POST\` glued to the next line still
// means POST.) No tests here; node --test finds none.
import { readFileSync } from 'node:fs';

export function reepaySeedRequests() {
  const text = readFileSync(new URL('../fixtures/reepay-api-examples.txt', import.meta.url), 'utf8');
  return text
    .split(/^curl /m)
    .slice(1)
    .map((command) => ({
      url: /--url (\S+)/.exec(command)[1],
      user: /-u '([^':]*):'/.exec(command)[1],
      headers: [...command.matchAll(/-H '([^:]+): ([^']+)'/g)].map(([, name, value]) => [name, value]),
      body: /(?:--data|-d) '([^']*)'/.exec(command)[1],
    }));
}
