import { readFileSync } from 'node:fs';
import { vocabularies } from '../../contract/vocabularies.ts';
import { ExtractError } from '../ingest/discover.ts';

// SEN2 names a school or college by URN/UKPRN, not by type. An LA may add establishments.csv
// (urn, setting_type from the contract's list, la_code of the LA the setting is in, e.g. from
// Get Information About Schools) so plans get a setting type and in/out-of-area; without it
// only settings coded by SENSetting (EHE, NEET, early years, other) have a type.

export interface Establishment {
  settingType: string;
  laCode: string | null;
}

export class Establishments {
  private constructor(private readonly byUrn: Map<string, Establishment>) {}

  static none(): Establishments {
    return new Establishments(new Map());
  }

  static fromFile(path: string): Establishments {
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim());
    const header = (lines.shift() ?? '').toLowerCase().split(',').map((h) => h.trim());
    const [urnAt, typeAt, laAt] = ['urn', 'setting_type', 'la_code'].map((c) => header.indexOf(c));
    if (urnAt === undefined || typeAt === undefined || urnAt < 0 || typeAt < 0) {
      throw new ExtractError('establishments.csv needs the columns urn, setting_type and (optionally) la_code');
    }
    const types = new Set<string>(vocabularies.setting_type);
    const map = new Map<string, Establishment>();
    lines.forEach((line, i) => {
      const cells = line.split(',').map((c) => c.trim());
      const type = (cells[typeAt] ?? '').toUpperCase();
      if (!types.has(type)) throw new ExtractError(`establishments.csv line ${i + 2}: setting_type "${type}" is not one of ${[...types].join(', ')}`);
      map.set(cells[urnAt] ?? '', { settingType: type, laCode: laAt !== undefined && laAt >= 0 ? cells[laAt] || null : null });
    });
    return new Establishments(map);
  }

  lookup(urn: string): Establishment | null {
    return this.byUrn.get(urn.trim()) ?? null;
  }
}
