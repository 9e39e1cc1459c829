import { createHash } from 'node:crypto';
import {
  TooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
  type DomainError,
} from '@ilinks/shared/kernel';
import { checkAttachment, type AttachmentUpload } from './check-attachment';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const pdfUpload = (overrides: Partial<AttachmentUpload> = {}): AttachmentUpload => ({
  contentType: 'application/pdf',
  data: PDF.toString('base64'),
  ...overrides,
});
const LIMIT = 1024;

function thrown(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
}

describe('checkAttachment', () => {
  it('gives the bytes, size, SHA-256 and normalised content type', () => {
    const checked = checkAttachment(pdfUpload({ title: 'Discharge summary' }), LIMIT);
    expect(checked).toEqual({
      contentType: 'application/pdf',
      bytes: PDF,
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      title: 'Discharge summary',
    });
    expect(checked.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has no title when none was given', () => {
    expect(checkAttachment(pdfUpload(), LIMIT)).not.toHaveProperty('title');
  });

  it('normalises the content type (case, parameters)', () => {
    const text = Buffer.from('Seen today.').toString('base64');
    expect(checkAttachment({ contentType: 'Text/Plain; charset=UTF-8', data: text }, LIMIT).contentType).toBe(
      'text/plain',
    );
  });

  it('accepts base64 broken into MIME lines and without padding', () => {
    const data = PDF.toString('base64')
      .replace(/=+$/, '')
      .replace(/(.{20})/g, '$1\r\n');
    expect(checkAttachment(pdfUpload({ data }), LIMIT).bytes.equals(PDF)).toBe(true);
  });

  it('accepts exactly the limit', () => {
    expect(checkAttachment(pdfUpload(), PDF.length).size).toBe(PDF.length);
  });

  it.each(['text/html', 'application/zip', 'application/octet-stream', ''])(
    'refuses the content type %j as unsupported',
    (contentType) => {
      const error = thrown(() => checkAttachment(pdfUpload({ contentType }), LIMIT));
      expect(error).toBeInstanceOf(UnsupportedMediaTypeError);
      expect(error.issues[0]?.path).toBe('attachment.contentType');
    },
  );

  it.each([
    ['the URL-safe alphabet', 'JVBERi0xLjc_-_-'],
    ['a stray character', `${PDF.toString('base64')}!`],
    ['a data URL', `data:application/pdf;base64,${PDF.toString('base64')}`],
  ])('refuses %s as a validation error at attachment.data', (_case, data) => {
    const error = thrown(() => checkAttachment(pdfUpload({ data }), LIMIT));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue) => issue.path)).toEqual(['attachment.data']);
  });

  it.each(['', '  \r\n'])('refuses empty data %j', (data) => {
    const error = thrown(() => checkAttachment(pdfUpload({ data }), LIMIT));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]?.path).toBe('attachment.data');
  });

  it('refuses one byte over the limit, naming the limit and not the content', () => {
    const error = thrown(() => checkAttachment(pdfUpload(), PDF.length - 1));
    expect(error).toBeInstanceOf(TooLargeError);
    expect(error.message).toContain(`${PDF.length - 1} bytes`);
    expect(error.message).not.toContain('PDF');
  });

  it('refuses an oversized upload before decoding it', () => {
    const data = 'A'.repeat(4 * 1024);
    expect(() => checkAttachment(pdfUpload({ data }), LIMIT)).toThrow(TooLargeError);
  });

  it.each([
    ['text claimed as PDF', 'application/pdf', Buffer.from('Dear colleague')],
    ['a PDF claimed as PNG', 'image/png', PDF],
    ['a PDF claimed as text', 'text/plain', PDF],
    ['text claimed as JSON', 'application/json', Buffer.from('Dear colleague')],
    ['JSON without resourceType claimed as FHIR', 'application/fhir+json', Buffer.from('{"a":1}')],
  ])('refuses %s as unsupported, without echoing the content', (_case, contentType, bytes) => {
    const error = thrown(() => checkAttachment({ contentType, data: bytes.toString('base64') }, LIMIT));
    expect(error).toBeInstanceOf(UnsupportedMediaTypeError);
    expect(error.issues[0]?.path).toBe('attachment.data');
    expect(error.message).not.toContain('colleague');
  });
});
