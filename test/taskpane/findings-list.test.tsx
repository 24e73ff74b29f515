// The findings list's severity colour. Griffel (makeStyles) makes atomic classes: they must be merged
// with mergeClasses, where the last style wins, not concatenated ("It is not possible to simply
// concatenate classes returned by useClasses()", Griffel's README), and CSS shorthands are not
// expanded (shorthands.borderLeft gives the longhands). Concatenated, a button carries two
// left-border colours and the stylesheet order decides.
import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createDOMRenderer, FluentProvider, RendererProvider, renderToStyleElements, webLightTheme } from '@fluentui/react-components';
import { analyzeWorkbook } from '../../src/core';
import { runAnalysis } from '../../src/office/adapter';
import { FindingsList } from '../../src/taskpane/FindingsList';
import { fengtai } from '../fixtures/tables';
import { hostFor } from '../support/workbooks';

it('FindingsList: each finding has one left-border colour, its severity’s', async () => {
  const host = await hostFor([{ name: '丰台', placed: [{ table: fengtai, at: 'A1' }] }]);
  const out = await runAnalysis(host, 'analyze', { analyze: analyzeWorkbook });
  expect(out.counts.error).toBeGreaterThan(0);
  expect(out.counts.warning).toBeGreaterThan(0);
  const renderer = createDOMRenderer();
  const html = renderToStaticMarkup(
    <RendererProvider renderer={renderer}>
      <FluentProvider theme={webLightTheme}>
        <FindingsList tables={out.tables} counts={out.counts} lang="zh" onSelect={() => undefined} />
      </FluentProvider>
    </RendererProvider>,
  );
  const css = renderToStaticMarkup(<>{renderToStyleElements(renderer)}</>);
  // class → the left-border colour it sets (atomic rules: ".f1abc{border-left-color:var(--token);}")
  const borderOf = new Map<string, string>();
  for (const m of css.matchAll(/\.([\w-]+)\{border-left-color:([^;}]+)[;}]/g)) borderOf.set(m[1], m[2]);
  const want = { error: '--colorPaletteRedBorder2', warning: '--colorPaletteYellowBorder2', info: '--colorPaletteBlueBorderActive' };
  const buttons = [...html.matchAll(/<button[^>]*class="([^"]*)"[^>]*data-testid="finding"[^>]*data-severity="(\w+)"/g)];
  expect(buttons.length).toBe(out.findings.length);
  for (const [, classes, severity] of buttons) {
    const colours = classes
      .split(' ')
      .map((c) => borderOf.get(c))
      .filter((c): c is string => !!c);
    expect(colours).toEqual([`var(${want[severity as keyof typeof want]})`]);
  }
});
