import { describe, expect, it } from 'vitest';
import { findQuantities, parseQuantity } from './quantity-parse';

describe('findQuantities', () => {
  it('reads the answer units back to SI (hand-computed)', () => {
    expect(parseQuantity('The given object moved a total distance of 2.23 m.', 'distance')).toMatchObject({
      value: 2.23,
      unit: 'm',
      si: 2.23,
    });
    expect(parseQuantity('It traveled 0.07 miles.', 'distance')?.si).toBeCloseTo(0.07 * 1609.344, 9);
    expect(parseQuantity('300 feet', 'distance')?.si).toBeCloseTo(91.44, 9);
    expect(parseQuantity('1.23 kilometers', 'distance')?.si).toBeCloseTo(1230, 9);
    expect(parseQuantity('about 1,609.34 metres', 'distance')).toMatchObject({ value: 1609.34, unit: 'meters' });
    expect(parseQuantity('14.00 meters per second throughout', 'speed')).toMatchObject({
      value: 14,
      unit: 'meters per second',
      si: 14,
    });
    expect(parseQuantity('36 km/h', 'speed')?.si).toBeCloseTo(10, 12);
    expect(parseQuantity('22.37 mph', 'speed')?.si).toBeCloseTo((22.37 * 1609.344) / 3600, 12);
    expect(parseQuantity('5 Kilometers Per Hour', 'speed')).toMatchObject({ unit: 'kilometers per hour' });
  });

  it('does not take a speed or a time for a distance', () => {
    expect(parseQuantity('It moves at 5 m/s.', 'distance')).toBeUndefined();
    expect(parseQuantity('It moves at 5 meters per second.', 'distance')).toBeUndefined();
    expect(parseQuantity('after 5 minutes', 'distance')).toBeUndefined();
    expect(parseQuantity('5 mph', 'distance')).toBeUndefined();
    expect(parseQuantity('no numbers here', 'speed')).toBeUndefined();
  });

  it('finds every quantity in order', () => {
    const found = findQuantities('2.5 km then 300 feet and 3 m/s', 'distance');
    expect(found.map((match) => match.text)).toEqual(['2.5 km', '300 feet']);
    expect(found[0]!.si).toBe(2500);
    expect(found[1]!.index).toBe(12);
  });
});
