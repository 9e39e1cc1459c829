import { loadAttachmentSettings } from './attachment.config';

describe('loadAttachmentSettings', () => {
  it('defaults to 5 MiB', () => {
    expect(loadAttachmentSettings({}).maxBytes).toBe(5242880);
  });

  it.each([
    ['1', 1],
    ['1048576', 1048576],
    ['16777216', 16777216],
  ])('reads %s', (value, expected) => {
    expect(loadAttachmentSettings({ ILINKS_LETTER_MAX_ATTACHMENT_BYTES: value }).maxBytes).toBe(expected);
  });

  it.each(['0', '-1', '16777217', '1.5', 'five', '5MB'])('refuses %j, naming the variable', (value) => {
    expect(() => loadAttachmentSettings({ ILINKS_LETTER_MAX_ATTACHMENT_BYTES: value })).toThrow(
      /ILINKS_LETTER_MAX_ATTACHMENT_BYTES/,
    );
  });
});
