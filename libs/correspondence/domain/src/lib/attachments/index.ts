export * from './attachment-content-type';
export * from './strict-base64';
export * from './content-matches-type';
export * from './check-attachment';
export * from './attachment-chunks';
export * from './attachment.events';
