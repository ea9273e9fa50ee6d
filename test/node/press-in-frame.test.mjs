// The test driver's key press in a frame (test/chromium.mjs pressInFrame), on a stand-in for puppeteer's
// page and frame: Chromium can leave the release of a key that closed its frame unanswered for ~30 s
// (the `card-frame` command timed out in CI), so a half ends when the frame is gone, and a half that stalls
// in a live frame is a named error, not a silent command timeout.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { pressInFrame } from '../chromium.mjs';

/** A page whose keyboard answers `down` at once and never answers `up`, and one of its frames. */
const stallingRelease = () => {
  const page = Object.assign(new EventEmitter(), {
    pressed: /** @type {string[]} */ ([]),
    keyboard: {
      down: async (/** @type {string} */ key) => void page.pressed.push(`down ${key}`),
      up: (/** @type {string} */ key) => (page.pressed.push(`up ${key}`), new Promise(() => {})),
    },
  });
  const frame = { detached: false, name: () => 'checkout-frame', page: () => page };
  return { page, frame };
};

describe('pressInFrame', () => {
  it('ends when the frame the key closed is gone, though Chromium never answers the release', async () => {
    const { page, frame } = stallingRelease();
    setTimeout(() => {
      frame.detached = true;
      page.emit('framedetached', { name: () => 'another frame' });
      page.emit('framedetached', frame);
    }, 50);
    const started = Date.now();
    await pressInFrame(/** @type {any} */ (frame), 'Escape');
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    assert.deepEqual(page.pressed, ['down Escape', 'up Escape']);
    assert.equal(page.listenerCount('framedetached'), 0, 'the listener is removed');
  });

  it('does not wait for a frame that was gone before the key', async () => {
    const { page, frame } = stallingRelease();
    frame.detached = true;
    await pressInFrame(/** @type {any} */ (frame), 'Enter');
    assert.deepEqual(page.pressed, ['down Enter', 'up Enter']);
  });

  it('names the stall when the frame is still there', async () => {
    const { page, frame } = stallingRelease();
    await assert.rejects(pressInFrame(/** @type {any} */ (frame), 'Escape'), {
      message: 'key Escape up in the frame checkout-frame: no answer within 5000 ms',
    });
    assert.equal(page.listenerCount('framedetached'), 0, 'the listener is removed');
  });
});
