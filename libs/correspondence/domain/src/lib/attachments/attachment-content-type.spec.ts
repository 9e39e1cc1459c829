import {
  ATTACHMENT_CONTENT_TYPES,
  isAttachmentContentType,
  normaliseContentType,
} from './attachment-content-type';

describe('normaliseContentType', () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['Application/PDF', 'application/pdf'],
    ['text/plain; charset=utf-8', 'text/plain'],
    ['  TEXT/PLAIN ;charset=UTF-8; format=flowed', 'text/plain'],
    ['application/fhir+json;fhirVersion=4.0', 'application/fhir+json'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseContentType(input)).toBe(expected);
  });
});

describe('isAttachmentContentType', () => {
  it.each(ATTACHMENT_CONTENT_TYPES)('accepts %s', (type) => {
    expect(isAttachmentContentType(type)).toBe(true);
  });

  it.each([
    'text/html',
    'application/zip',
    'image/svg+xml',
    'application/octet-stream',
    'Application/PDF',
    '',
  ])('refuses %j', (type) => {
    expect(isAttachmentContentType(type)).toBe(false);
  });
});
