// A rollup plugin that collapses the whitespace inside our own css`` and html`` templates. Our templates
// hold no whitespace-sensitive content (<pre>, white-space: pre), so this is safe for them only.
export const minifyLiterals = () => ({
  name: 'minify-literals',
  transform(code, id) {
    if (!id.includes('/src/') || !/\.ts$/.test(id)) return null;
    const out = code
      .replace(/\bcss`([^`]*)`/g, (_, body) =>
        `css\`${body.replace(/\s+/g, ' ').replace(/\s*([{};:,>])\s*/g, '$1').replace(/;}/g, '}').trim()}\``,
      )
      .replace(/\bhtml`([^`]*)`/g, (_, body) => `html\`${body.replace(/>\s+</g, '><').replace(/\s+/g, ' ')}\``);
    return out === code ? null : { code: out, map: null };
  },
});
