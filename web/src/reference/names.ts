import areasCsv from '../../../data/reference/areas.csv?raw';
import icbCsv from '../../../data/reference/icb-names.csv?raw';

// Names for the codes an extract uses: LAs by ONS code (data/reference/areas.csv) and integrated care boards by
// NHS ODS code (data/reference/icb-names.csv). Bundled into the pages that name commissioners, so no page has to
// show a code to say who commissions a service.

/** The fields of one CSV line (RFC 4180 quoting, as the reference files are written). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

function lookup(csv: string, key: string, value: string): Map<string, string> {
  const [header = '', ...lines] = csv.trim().split(/\r?\n/);
  const columns = csvFields(header);
  const k = columns.indexOf(key);
  const v = columns.indexOf(value);
  return new Map(lines.map(csvFields).map((f) => [f[k] ?? '', f[v] ?? '']));
}

const icbNames = lookup(icbCsv, 'icb_ods_code', 'icb_name');
const areaNames = lookup(areasCsv, 'area_code', 'area_name');

/** "NHS West Yorkshire Integrated Care Board" for QWO; null for a code not in the NHS list. */
export const icbName = (odsCode: string): string | null => icbNames.get(odsCode.toUpperCase()) ?? null;

/** "Leeds" for E08000035; null for a code that is not a current English LA. */
export const laName = (onsCode: string): string | null => areaNames.get(onsCode.toUpperCase()) ?? null;
