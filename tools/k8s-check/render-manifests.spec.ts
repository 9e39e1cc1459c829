import { parseManifests } from './render-manifests';

describe('parseManifests', () => {
  it('reads every document of a stream', () => {
    const objects = parseManifests('kind: A\nmetadata: {name: a}\n---\nkind: B\nmetadata: {name: b}\n');
    expect(objects.map((o) => o.kind)).toEqual(['A', 'B']);
  });

  it('skips empty documents', () => {
    expect(parseManifests('---\n---\nkind: A\nmetadata: {name: a}\n')).toHaveLength(1);
  });

  it('refuses invalid YAML', () => {
    expect(() => parseManifests('kind: [A\n')).toThrow();
  });
});
