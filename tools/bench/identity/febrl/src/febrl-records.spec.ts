import {
  febrlAddress,
  febrlBirthDate,
  febrlDemographics,
  type FebrlRow,
  parseFebrlCsv,
} from './febrl-records';

const HEADER =
  'rec_id,given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth';

const row: FebrlRow = {
  rec_id: 'rec-1-org',
  given_name: 'lachlan',
  surname: 'berry',
  street_number: '69',
  address_1: 'giblin street',
  address_2: 'killarney',
  suburb: 'bittern',
  postcode: '4814',
  state: 'qld',
  date_of_birth: '19990219',
};

describe('parseFebrlCsv', () => {
  it('reads each line after the header as a record', () => {
    const rows = parseFebrlCsv(
      `${HEADER}\nrec-1-org,lachlan,berry,69,giblin street,killarney,bittern,4814,qld,19990219\n`,
    );
    expect(rows).toEqual([row]);
  });

  it('keeps blank values as empty strings', () => {
    const [parsed] = parseFebrlCsv(`${HEADER}\nrec-2-dup-0,,waller,,,,,,,\n`);
    expect(parsed.given_name).toBe('');
    expect(parsed.date_of_birth).toBe('');
  });

  it('reads columns by header name, whatever their order', () => {
    const header =
      'surname,rec_id,given_name,street_number,address_1,address_2,suburb,postcode,state,date_of_birth';
    const [parsed] = parseFebrlCsv(`${header}\nberry,rec-9,lachlan,,,,,,,\n`);
    expect(parsed).toMatchObject({ rec_id: 'rec-9', surname: 'berry', given_name: 'lachlan' });
  });

  it('accepts CRLF line ends', () => {
    expect(parseFebrlCsv(`${HEADER}\r\nrec-3,a,b,,,,,,,\r\n`)).toHaveLength(1);
  });

  it('refuses a file without the FEBRL columns', () => {
    expect(() => parseFebrlCsv('rec_id,surname\nx,y\n')).toThrow(/lacks columns: given_name/);
  });

  it('refuses a line with the wrong number of fields', () => {
    expect(() => parseFebrlCsv(`${HEADER}\nrec-4,a,b\n`)).toThrow(/line 2/);
  });

  it('refuses quoted values rather than splitting them wrongly', () => {
    expect(() => parseFebrlCsv(`${HEADER}\nrec-5,"a,b",c,,,,,,,\n`)).toThrow(/quoted/);
  });
});

describe('febrlBirthDate', () => {
  it('turns YYYYMMDD into an ISO date', () => {
    expect(febrlBirthDate('19990219')).toBe('1999-02-19');
  });

  it('keeps an impossible but well-shaped date for the comparison to judge', () => {
    expect(febrlBirthDate('19991302')).toBe('1999-13-02');
  });

  it.each(['', '1999021', '199902190', '1999-02-19', 'l9990219'])('gives "" for %p', (value) => {
    expect(febrlBirthDate(value)).toBe('');
  });
});

describe('febrlAddress', () => {
  it('puts street and locality in the lines, the suburb in the city and the postcode in the postcode', () => {
    expect(febrlAddress(row)).toEqual({
      lines: ['69 giblin street', 'killarney'],
      city: 'bittern',
      postcode: '4814',
    });
  });

  it('leaves the state out', () => {
    expect(JSON.stringify(febrlAddress(row))).not.toContain('qld');
  });

  it('drops blank parts, blank lines and blank fields', () => {
    const sparse = { ...row, street_number: '', address_2: '', suburb: '', postcode: '' };
    expect(febrlAddress(sparse)).toEqual({ lines: ['giblin street'] });
  });
});

describe('febrlDemographics', () => {
  it('maps the names, birth date and address, with gender unknown and no NHS number', () => {
    const demographics = febrlDemographics(row);
    expect(demographics).toMatchObject({
      names: [{ family: 'berry', given: ['lachlan'] }],
      birthDate: '1999-02-19',
      gender: 'unknown',
      telecom: [],
    });
    expect(demographics.nhsNumber).toBeUndefined();
    expect(demographics.addresses).toHaveLength(1);
  });

  it('gives no given name when FEBRL has none', () => {
    expect(febrlDemographics({ ...row, given_name: ' ' }).names).toEqual([{ family: 'berry', given: [] }]);
  });
});
