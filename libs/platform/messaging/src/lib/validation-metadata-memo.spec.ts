import { Type } from 'class-transformer';
import {
  IsInt,
  IsString,
  MetadataStorage,
  registerDecorator,
  ValidateNested,
  Validator,
  getMetadataStorage,
} from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata-memo';

class Item {
  @IsString()
  id!: string;
}

class Parent {
  @IsInt()
  count!: number;

  @ValidateNested({ each: true })
  @Type(() => Item)
  items!: Item[];
}

class Child extends Parent {
  @IsString()
  name!: string;
}

const options = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

function withMemo(): MetadataStorage {
  memoizeValidationMetadata();
  return getMetadataStorage();
}

function item(id: unknown): Item {
  return Object.assign(new Item(), { id });
}

function errorsOf(value: object): string[] {
  return new Validator().validateSync(value, options).map((error) => error.property);
}

describe('memoizeValidationMetadata', () => {
  it('answers a repeated lookup with the same rules, read once', () => {
    const storage = withMemo();
    const first = storage.getTargetValidationMetadatas(Parent, '', false, false);
    expect(storage.getTargetValidationMetadatas(Parent, '', false, false)).toBe(first);
    expect(first.map((rule) => rule.propertyName).sort()).toEqual(['count', 'items']);
  });

  it('keeps apart lookups with other options', () => {
    const storage = withMemo();
    const plain = storage.getTargetValidationMetadatas(Parent, '', false, false);
    expect(storage.getTargetValidationMetadatas(Parent, '', true, false)).not.toBe(plain);
    expect(storage.getTargetValidationMetadatas(Parent, '', false, false, ['a'])).not.toBe(plain);
    expect(storage.getTargetValidationMetadatas(Parent, 'Parent', false, false)).not.toBe(plain);
  });

  it('still finds inherited rules', () => {
    const rules = withMemo().getTargetValidationMetadatas(Child, '', false, false);
    expect(rules.map((rule) => rule.propertyName).sort()).toEqual(['count', 'items', 'name']);
  });

  it('groups the same rules once', () => {
    const storage = withMemo();
    const rules = storage.getTargetValidationMetadatas(Parent, '', false, false);
    expect(storage.groupByPropertyName(rules)).toBe(storage.groupByPropertyName(rules));
    expect(Object.keys(storage.groupByPropertyName(rules)).sort()).toEqual(['count', 'items']);
  });

  it('sees a rule added after a lookup', () => {
    class Late {
      @IsString()
      first!: string;
      second!: string;
    }
    const storage = withMemo();
    expect(storage.getTargetValidationMetadatas(Late, '', false, false)).toHaveLength(1);
    registerDecorator({
      target: Late,
      propertyName: 'second',
      validator: { validate: (value: unknown) => typeof value === 'string' },
    });
    expect(storage.getTargetValidationMetadatas(Late, '', false, false)).toHaveLength(2);
  });

  it('validates as before: nested items, unknown properties, valid objects', () => {
    withMemo();
    const valid = Object.assign(new Parent(), { count: 1, items: [item('a'), item('b')] });
    expect(errorsOf(valid)).toEqual([]);
    expect(errorsOf(valid)).toEqual([]);
    expect(errorsOf(Object.assign(new Parent(), { count: 'x', items: [item(2)] }))).toEqual([
      'count',
      'items',
    ]);
    expect(errorsOf(Object.assign(new Parent(), { count: 1, items: [], extra: true }))).toEqual(['extra']);
  });

  it('is installed once, however often it is called', () => {
    const storage = new MetadataStorage();
    memoizeValidationMetadata(storage);
    const installed = storage.getTargetValidationMetadatas;
    memoizeValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(installed);
  });

  it('leaves a target that is not a class to class-validator, every time', () => {
    const storage = new MetadataStorage();
    const lookUp = jest.spyOn(storage, 'getTargetValidationMetadatas');
    memoizeValidationMetadata(storage);
    const notAClass = undefined as unknown as typeof Item;
    storage.getTargetValidationMetadatas(notAClass, '', false, false);
    storage.getTargetValidationMetadatas(notAClass, '', false, false);
    expect(lookUp).toHaveBeenCalledTimes(2);
  });
});
