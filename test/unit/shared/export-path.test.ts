import { describe, expect, it } from 'vitest';
import { pathForFormat } from '../../../electron/shared/export-path';

const ENV = { extension: 'env' };
const SHEET = { extension: 'txt' };
const JSON_ = { extension: 'json' };
const CERB = { extension: 'json', nameSuffix: '-cerb-package' };

describe('the suggested export path follows the format', () => {
  it('after an export wrote a .env, switching to the field sheet suggests a .txt (not the .env)', () => {
    expect(
      pathForFormat('/d/exports/custom-dropbox-connector-20261123-100000.env', ENV, SHEET),
    ).toBe('/d/exports/custom-dropbox-connector-20261123-100000.txt');
  });
  it('drops and adds the name suffix of formats that have one', () => {
    expect(pathForFormat('/d/cerb-dropbox-connector-1-cerb-package.json', CERB, SHEET)).toBe(
      '/d/cerb-dropbox-connector-1.txt',
    );
    expect(pathForFormat('/d/cerb-dropbox-connector-1.txt', SHEET, CERB)).toBe(
      '/d/cerb-dropbox-connector-1-cerb-package.json',
    );
  });
  it('a name without the old extension still gets the new one; an empty field stays empty', () => {
    expect(pathForFormat('~/exports/snow', JSON_, ENV)).toBe('~/exports/snow.env');
    expect(pathForFormat('', JSON_, ENV)).toBe('');
  });
});
