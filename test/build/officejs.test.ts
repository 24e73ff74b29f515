// ZIPING_OFFICE_JS: where the pages load office.js from, and the Content-Security-Policy that follows
// (audit-2 #7b/7c). Reads the webpack configuration; nothing is compiled.
import * as path from 'path';
import type webpack from 'webpack';

const ROOT = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS outside the TypeScript project
const config = require(path.join(ROOT, 'webpack.config.js')) as {
  (env: object, argv: object): Promise<(webpack.Configuration & { name: string })[]>;
  officeJsSource(v: string | undefined): { local: boolean; src: string; origin: string | null };
  csp(origin: string | null): string;
};

const CN = 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js';

/** The template parameters (office.js src, CSP) each page of the production build gets. */
async function pages(value: string | undefined): Promise<{ file: string; officeJs: string; csp: string }[]> {
  const before = process.env.ZIPING_OFFICE_JS;
  if (value === undefined) delete process.env.ZIPING_OFFICE_JS;
  else process.env.ZIPING_OFFICE_JS = value;
  try {
    const configs = await config({}, { mode: 'production' });
    return configs.flatMap((c) =>
      (c.plugins ?? [])
        .filter((p) => p?.constructor?.name === 'HtmlWebpackPlugin')
        .map((p) => {
          const o = (p as unknown as { userOptions: { filename: string; templateParameters: { officeJs: string; csp: string } } }).userOptions;
          return { file: o.filename, officeJs: o.templateParameters.officeJs, csp: o.templateParameters.csp };
        }),
    );
  } finally {
    if (before === undefined) delete process.env.ZIPING_OFFICE_JS;
    else process.env.ZIPING_OFFICE_JS = before;
  }
}

const scriptSrc = (csp: string) => /script-src ([^;]+)/.exec(csp)?.[1];

describe('ZIPING_OFFICE_JS', () => {
  it('defaults to the global CDN, allowed by the CSP on every page', async () => {
    const p = await pages(undefined);
    expect(p.map((x) => x.file).sort()).toEqual(['commands.html', 'dialog.html', 'taskpane.html']);
    for (const x of p) {
      expect(x.officeJs).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
      expect(scriptSrc(x.csp)).toBe("'self' https://appsforoffice.microsoft.com");
    }
  });

  it('21v loads the 21Vianet CDN and the CSP allows that origin, not the global one', async () => {
    for (const x of await pages('21v')) {
      expect(x.officeJs).toBe(CN);
      expect(scriptSrc(x.csp)).toBe("'self' https://appsforoffice.cdn.partner.office365.cn");
      expect(x.csp).toContain("connect-src 'self' https://appsforoffice.cdn.partner.office365.cn;");
      expect(x.csp).not.toContain('appsforoffice.microsoft.com');
    }
  });

  it('local serves office.js from the add-in itself, with no outside origin in the CSP', async () => {
    for (const x of await pages('local')) {
      expect(x.officeJs).toBe('office-js/office.js');
      expect(scriptSrc(x.csp)).toBe("'self'");
      expect(x.csp).not.toMatch(/https:/);
    }
  });

  it('any https URL of an office.js, with its own origin in the CSP', async () => {
    for (const x of await pages('https://oa.example.gov.cn:8443/office/lib/office.js')) {
      expect(x.officeJs).toBe('https://oa.example.gov.cn:8443/office/lib/office.js');
      expect(scriptSrc(x.csp)).toBe("'self' https://oa.example.gov.cn:8443");
    }
  });

  it('refuses what would build a dead add-in: http, a typo, a page that is not office.js', () => {
    for (const bad of ['http://oa.example.gov.cn/office.js', 'locl', 'https://oa.example.gov.cn/office/', 'https://x/office.js?v=1']) {
      expect(() => config.officeJsSource(bad)).toThrow(/ZIPING_OFFICE_JS/);
    }
    expect(config.officeJsSource(' 21V ').src).toBe(CN);
  });
});
