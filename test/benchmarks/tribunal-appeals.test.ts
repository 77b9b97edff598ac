import { describe, expect, it } from 'vitest';
import {
  makeLaNameMatcher,
  normaliseLaName,
  parseMojCount,
  parseMojRate,
  parseTribunalTable,
  stripFootnote,
} from '../../server/benchmarks/tribunal-appeals.ts';
import type { Cell } from '../../server/benchmarks/tribunal-appeals.ts';

// A miniature of the MoJ table with its quirks (the published files are not needed).
const table: Cell[][] = [
  ['SEND Appeal rate table 1: … 2014-20242,3', null, null, null, null, null, null, null],
  [null, null, null, null, null, null, null, null],
  ['Local Authority', 'LA code', '2023', null, null, '2024', null, null],
  [null, null, 'Appeals registered4', 'Total Appealable Decisions1,9', 'SEND Tribunal Appeal Rate2', 'Appeals registered4', 'Total Appealable Decisions1,9', 'SEND Tribunal Appeal Rate2'],
  ['NORTH WEST', null, null, null, null, null, '  ', null],
  ['Cumberland8', '942', '29', '2,803', '1.00%', '65', '3,191', '2.00%'],
  ['Cumbria8', '909', ' .. ', ' .. ', ' .. ', null, '  ', null],
  ['Isles of Scilly', '420', null, '20', '0.00%', ' - ', '57', '0.00%'],
  ['Central Bedfordshire', '873', '96', '3,711', '2.60%', '140', '8,246', '1.70%'],
  ['Redbridge', '317', '44', '3,282', '1.30%', '~', ' x ', '..'],
  ['England Total4,9', null, '15,615', '617,776', '2.50%', '22,276', '689,739', '3.20%'],
  ['England total excluding suppressed', null, null, null, null, '22,082', null, null],
  [null, null, null, null, null, null, null, null],
  ['Sources:', 'Appeals - HMCTS', null, null, null, null, null, null],
  ['1. Total Appealable Decisions is …\n- Number of …', null, null, null, null, null, null, null],
];

describe('MoJ tribunal table parsing', () => {
  it('parses counts, rates and symbols', () => {
    expect(parseMojCount('1,071')).toBe(1071);
    expect(parseMojCount(' 22 ')).toBe(22);
    expect(parseMojCount(' - ')).toBe(0); // nil
    for (const s of [' .. ', '..', '~', ' x ', '', null]) expect(parseMojCount(s)).toBeNull();
    expect(parseMojRate('1.30%')).toBe(1.3);
    expect(parseMojRate('0.00%')).toBe(0);
    expect(() => parseMojCount('1.5')).toThrow();
    expect(() => parseMojRate('1.3')).toThrow();
  });

  it('strips footnote digits glued to labels', () => {
    expect(stripFootnote('Cumberland8')).toBe('Cumberland');
    expect(stripFootnote('Total Appealable Decisions1,9')).toBe('Total Appealable Decisions');
    expect(stripFootnote('England Total4,9')).toBe('England Total');
    expect(stripFootnote('Leeds')).toBe('Leeds');
  });

  it('reads the two-row header and skips headings, legacy years and partial totals', () => {
    const records = parseTribunalTable(table);
    expect(records.map((r) => `${r.name}|${r.year}`)).toEqual([
      'Cumberland|2023',
      'Cumberland|2024',
      'Isles of Scilly|2023',
      'Isles of Scilly|2024',
      'Central Bedfordshire|2023',
      'Central Bedfordshire|2024',
      'Redbridge|2023',
      'Redbridge|2024',
      'England|2023',
      'England|2024',
    ]);
    const get = (name: string, year: number) => records.find((r) => r.name === name && r.year === year);
    expect(get('Cumberland', 2024)).toMatchObject({ appeals: 65, decisions: 3191, rate: 2 });
    expect(get('Isles of Scilly', 2023)).toMatchObject({ appeals: null, decisions: 20, rate: 0 });
    expect(get('Isles of Scilly', 2024)).toMatchObject({ appeals: 0, decisions: 57 });
    expect(get('Redbridge', 2024)).toMatchObject({ appeals: null, decisions: null, rate: null });
    expect(get('England', 2024)).toMatchObject({ isEngland: true, appeals: 22276, decisions: 689739 });
    // Known 2024 defect: denominator dropped, appeals kept.
    expect(get('Central Bedfordshire', 2024)).toMatchObject({ appeals: 140, decisions: null, rate: null });
    expect(get('Central Bedfordshire', 2023)).toMatchObject({ appeals: 96, decisions: 3711 });
  });

  it('fails loudly when the header layout changes', () => {
    const broken = table.map((r) => [...r]);
    (broken[3] as Cell[])[4] = 'Appeal rate';
    expect(() => parseTribunalTable(broken)).toThrow(/SEND Tribunal Appeal Rate/);
  });

  it('matches MoJ names to DfE names', () => {
    expect(normaliseLaName('Kingston Upon Hull, City of')).toBe(normaliseLaName('Kingston upon Hull, City of'));
    const match = makeLaNameMatcher([
      { area_code: 'E06000047', area_name: 'County Durham' },
      { area_code: 'E06000019', area_name: 'Herefordshire, County of' },
      { area_code: 'E06000010', area_name: 'Kingston upon Hull, City of' },
      { area_code: 'E08000013', area_name: 'St. Helens' },
    ]);
    expect(match('Durham')).toBe('E06000047');
    expect(match('Herefordshire')).toBe('E06000019');
    expect(match('Kingston Upon Hull, City of')).toBe('E06000010');
    expect(match('St. Helens')).toBe('E08000013');
    expect(match('Cumbria')).toBeUndefined(); // legacy LA
    expect(() => match('Atlantis')).toThrow(/does not match/);
  });
});
