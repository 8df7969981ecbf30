import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { executableMarkup, startTags } from './pages/html-text.test-support.js';
import { escapeHtml, renderMarkdown, renderMarkdownInline } from './markdown.js';

const ATTACKS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.test/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2Zz4=)',
  '[x](https://ok.test "a\\" onmouseover=\\"alert(1)")',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<details open ontoggle=alert(1)>',
  '<style>body{display:none}</style>',
  '[x]: javascript:alert(1)\n\n[link][x]',
];

describe('Markdown rendering', () => {
  test('renders the Markdown status pages use', () => {
    assert.equal(
      renderMarkdown('We **identified** the cause.\nA fix is _rolling out_: see [the docs](https://docs.acme.test/a?b=1&c=2).\n\n* one\n* two'),
      '<p>We <strong>identified</strong> the cause.<br />A fix is <em>rolling out</em>: see <a href="https://docs.acme.test/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">the docs</a>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>',
    );
    assert.equal(renderMarkdown('# Title\n\n#### Leadup'), '<h4>Title</h4>\n<h4>Leadup</h4>', 'headings never outrank the page');
    assert.equal(renderMarkdown('## Root causes', { minHeading: 3 }), '<h3>Root causes</h3>');
    assert.equal(renderMarkdown('`<b>`'), '<p><code>&lt;b&gt;</code></p>');
  });

  test('HTML in a body (as Statuspage bodies carry it) renders once, through the allowlist', () => {
    const body = 'Hello,<br /><br />We plan <strong>maintenance</strong>.<br />See <a href="https://x.test/a?b=1&amp;c=2" onclick="e()">here</a>.';
    const html = 'Hello,<br /><br />We plan <strong>maintenance</strong>.<br />See <a href="https://x.test/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">here</a>.';
    assert.equal(renderMarkdown(body), `<p>${html}</p>`);
    assert.equal(renderMarkdownInline(body), html);
    assert.equal(renderMarkdown('<b>bold</b> and **bold**'), '<p><b>bold</b> and <strong>bold</strong></p>');
    assert.equal(renderMarkdown('<a href="javascript:alert(1)" title="t">link</a>'), '<p><a title="t" rel="nofollow noopener noreferrer">link</a></p>');
    assert.equal(renderMarkdown('<h1 class="x">Title</h1>'), '<h4>Title</h4>', 'raw headings do not outrank the page either');
    assert.equal(renderMarkdown('x <!-- note --> y'), '<p>x  y</p>');
  });

  test('any other tag is shown as the text it is, not dropped', () => {
    assert.equal(renderMarkdown('The <Foo> service & "bar"'), '<p>The &lt;Foo&gt; service &amp; "bar"</p>');
    assert.equal(renderMarkdown('<script>alert("x")</script>'), '&lt;script&gt;alert("x")&lt;/script&gt;');
    assert.equal(renderMarkdownInline('Body <img src=x onerror=alert(1)> <style>p{}</style>'), 'Body &lt;img src=x onerror=alert(1)&gt; &lt;style&gt;p{}&lt;/style&gt;');
  });

  test('inline form flattens HTML blocks the way it flattens Markdown ones', () => {
    assert.equal(renderMarkdownInline('<p>One</p><p>Two <em>x</em></p>'), 'One<br />Two <em>x</em>');
    assert.equal(renderMarkdownInline('<ul><li>a</li><li>b</li></ul>'), '• a<br />• b');
    assert.equal(renderMarkdownInline('<h2>Impact</h2>None expected.'), '<strong>Impact</strong><br />None expected.');
  });

  for (const attack of ATTACKS) {
    test(`inert: ${JSON.stringify(attack)}`, () => {
      for (const out of [renderMarkdown(attack), renderMarkdownInline(attack)]) {
        assert.deepEqual(executableMarkup(out), [], out);
        assert.ok(!/<(script|iframe|svg|img|style|details)\b/i.test(out), out);
        for (const tag of startTags(out)) assert.ok(!/\shref="(?!https?:|mailto:)/i.test(tag), tag);
      }
    });
  }

  test('images become plain links (no third-party loads in the page)', () => {
    assert.equal(renderMarkdown('![graph](https://cdn.test/g.png)'), '<p><a href="https://cdn.test/g.png" rel="nofollow noopener noreferrer">graph</a></p>');
  });

  test('inline form for feeds: lines by <br />, paragraphs by two, headings bold, bullets', () => {
    assert.equal(
      renderMarkdownInline('#### Leadup\n\nLine one\nLine **two**\n\n- a\n- b'),
      '<strong>Leadup</strong><br /><br />Line one<br />Line <strong>two</strong><br /><br />• a<br />• b',
    );
    assert.equal(renderMarkdownInline('\r\n  \r\nonly\r\n\r\n\r\n'), 'only');
  });

  test('escapeHtml covers the five specials', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
